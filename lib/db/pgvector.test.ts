import { describe, expect, it } from 'vitest';
import { parseVectorText, vectorText } from './pgvector';

describe('vectorText', () => {
  it("writes pgvector's text form with six decimals and no exponent", () => {
    expect(vectorText(new Float32Array([0.5, -0.25, 1e-7, -3e-7, 0.1234567]))).toBe('[0.5,-0.25,0,0,0.123457]');
    expect(vectorText(new Float32Array([0.000001]))).toBe('[0.000001]');
    expect(vectorText(null)).toBeNull();
  });

  it('round-trips through parseVectorText', () => {
    expect(Array.from(parseVectorText(vectorText([0.5, -0.125]))!)).toEqual([0.5, -0.125]);
    expect(parseVectorText(null)).toBeNull();
  });
});

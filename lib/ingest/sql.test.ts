import { describe, expect, it } from 'vitest';
import { domainOf, vectorText } from './sql';

describe('domainOf', () => {
  it('keeps the host, lowercased, without www.', () => {
    expect(domainOf('https://WWW.Example.com/a.jpg?x=1')).toBe('example.com');
    expect(domainOf('http://cdn.images.example.org:8080/p.png')).toBe('cdn.images.example.org');
  });
  it('returns null for missing or unparsable URLs', () => {
    expect(domainOf(null)).toBeNull();
    expect(domainOf('not a url')).toBeNull();
  });
});

describe('vectorText', () => {
  it("writes pgvector's text form with six decimals and no exponent", () => {
    expect(vectorText(new Float32Array([0.5, -0.25, 1e-7, -3e-7, 0.1234567]))).toBe('[0.5,-0.25,0,0,0.123457]');
    expect(vectorText(new Float32Array([0.000001]))).toBe('[0.000001]');
    expect(vectorText(null)).toBeNull();
  });
});

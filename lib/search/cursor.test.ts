import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fingerprintQuery } from './cursor';

describe('cursor', () => {
  const fp = fingerprintQuery(['query', 1]);

  it('round-trips a key for the same query', () => {
    const key = { kind: 'distance', value: 0.123456789012, id: 42 } as const;
    expect(decodeCursor(encodeCursor(fp, key), fp, 'distance')).toEqual(key);
  });

  it('refuses a cursor of another query, another mode, or garbage', () => {
    const c = encodeCursor(fp, { kind: 'id', id: 9 });
    expect(() => decodeCursor(c, fingerprintQuery(['other']), 'id')).toThrow(/different query/);
    expect(() => decodeCursor(c, fp, 'distance')).toThrow(/not a cursor/);
    expect(() => decodeCursor('%%%', fp, 'id')).toThrow(/not a cursor/);
    expect(() => decodeCursor(encodeCursor(fp, { kind: 'id', id: -1 }), fp, 'id')).toThrow(/not a cursor/);
  });
});

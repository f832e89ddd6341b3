import { describe, expect, it } from 'vitest';
import { compareNatural } from './compare-natural';

describe('compareNatural', () => {
  it('orders numbered shards by value, stably', () => {
    const files = ['metadata_10.parquet', 'metadata_2.parquet', 'metadata_1.parquet', 'b.tar', 'a.tar', '00010', '00009', 'metadata_02.parquet'];
    expect([...files].sort(compareNatural)).toEqual([
      '00009', '00010', 'a.tar', 'b.tar', 'metadata_1.parquet', 'metadata_2.parquet', 'metadata_02.parquet', 'metadata_10.parquet',
    ]);
  });

  it('handles numbers beyond 2^53 exactly', () => {
    expect(compareNatural('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
    expect(compareNatural('same', 'same')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { LAION_FIELD } from '../pairs/laion-fields';
import { HISTOGRAM_COLUMNS, INTEGER_COLUMNS } from './overview-schemas';

describe('HISTOGRAM_COLUMNS', () => {
  it('are LAION fields whose key is their column (the SQL names them by key), numbers all', () => {
    for (const c of HISTOGRAM_COLUMNS) {
      expect(LAION_FIELD[c].column).toBe(c);
      expect(LAION_FIELD[c].kind).not.toBe('text');
    }
    expect([...INTEGER_COLUMNS]).toEqual(['width', 'height']);
  });
});

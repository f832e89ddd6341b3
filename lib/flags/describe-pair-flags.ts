// Each pair's flags in one line ("hate:confirmed;watermark:open"), for exports and removal lists.
import type { Queryable } from '../db/client';
import { selectFlagLines } from './sql';

export function describePairFlags(q: Queryable, pairIds: number[]): Promise<Map<number, string>> {
  return selectFlagLines(q, pairIds);
}

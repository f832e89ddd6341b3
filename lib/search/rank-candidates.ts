// One ranked stream per search mode: "give me the next n hits after this cursor key".
import type { Queryable } from '../db/client';
import type { CursorKey } from './cursor';
import { fuseRankings } from './fuse-rankings';
import type { QueryPlan } from './plan-query';
import { findByKeyword, findFiltered, findNearest, type HitRow, type Scope } from './sql';

/**
 * How deep a hybrid ranking goes: each side contributes its top HYBRID_DEPTH, fused. Deeper pages of a
 * hybrid search end there (the fused order has no keyset to resume from, so it is recomputed per page).
 */
export const HYBRID_DEPTH = 1000;

export type RankFn = (after: CursorKey | null, n: number) => Promise<HitRow[]>;

export function rankCandidates(q: Queryable, plan: QueryPlan, scope: Scope, dim: number | null): RankFn {
  const nearest = (after: CursorKey | null, n: number) => findNearest(q, scope, { column: plan.column, dim: dim!, vector: plan.vector!, after, limit: n });
  const keyword = (after: CursorKey | null, n: number) => findByKeyword(q, scope, { keyword: plan.keyword!, after, limit: n });
  switch (plan.mode) {
    case 'semantic':
      return nearest;
    case 'keyword':
      return keyword;
    case 'filter':
      return (after, n) => findFiltered(q, scope, { after, limit: n });
    case 'hybrid':
      return async (after, n) => {
        const offset = after?.kind === 'offset' ? after.offset : 0;
        const depth = Math.min(HYBRID_DEPTH, offset + n);
        if (offset >= depth) return [];
        // Each list is read whole before the next starts: the settings of the nearest search are SET LOCAL.
        const semantic = await nearest(null, depth);
        const lexical = await keyword(null, depth);
        return fuseRankings([semantic, lexical], (r) => r.id)
          .slice(offset, depth)
          .map(({ item, score }, i) => ({ ...item, score, key: { kind: 'offset', offset: offset + i + 1 } }));
      };
  }
}

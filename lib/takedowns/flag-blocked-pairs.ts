// Flags the pairs block lists name: called inside an ingest shard's transaction (so removed content can't come back
// with a re-downloaded shard) and when a list is imported (against everything already there).
import type { Queryable } from '../db/client';
import { writeFlagsIn } from '../flags/write-flags';
import { hasBlockLists, selectBlockedPairs, selectDomainEntries, selectDomains } from './block-list-sql';

/** A domain and every parent domain of it ("a.b.example.com" → itself, "b.example.com", "example.com"). */
function suffixes(domain: string): string[] {
  const parts = domain.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(i).join('.'));
}

export async function flagBlockedPairs(q: Queryable, scope: { datasetId?: number; sourceId?: string; listId?: number }): Promise<number> {
  if (!(await hasBlockLists(q))) return 0;
  const entries = await selectDomainEntries(q, scope.listId);
  const byDomain = new Map<string, number[]>();
  for (const e of entries) byDomain.set(e.value, [...(byDomain.get(e.value) ?? []), e.list_id]);
  const domains: { value: string; list_id: number }[] = [];
  if (byDomain.size > 0) {
    for (const d of await selectDomains(q, scope)) {
      for (const s of suffixes(d)) for (const list of byDomain.get(s) ?? []) domains.push({ value: d, list_id: list });
    }
  }
  const blocked = await selectBlockedPairs(q, scope, domains);
  const groups = new Map<string, { listId: number; reason: (typeof blocked)[number]['reason']; ids: number[] }>();
  for (const b of blocked) {
    const key = `${b.list_id}:${b.reason}`;
    const g = groups.get(key) ?? { listId: b.list_id, reason: b.reason, ids: [] };
    g.ids.push(b.pair_id);
    groups.set(key, g);
  }
  let flagged = 0;
  for (const g of groups.values()) {
    flagged += await writeFlagsIn(q, { id: `blocklist:${g.listId}`, ip: null }, { pairIds: g.ids, reason: g.reason, note: `block list ${g.listId}`, blockListId: g.listId, origin: 'machine', confirmed: true });
  }
  return flagged;
}

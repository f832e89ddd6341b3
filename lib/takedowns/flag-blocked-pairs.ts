// Flags the pairs block lists name: called inside an ingest shard's transaction (so removed content can't come back
// with a re-downloaded shard) and when a list is imported (against everything already there). A list's flags are
// raised by whoever last imported it and wait open for a reviewer, unless the list is a hotline's (an admin's
// csam_suspected list, or one naming its authority): those start confirmed, as that authority's decision.
import type { Queryable } from '../db/client';
import { writeFlagsIn } from '../flags/write-flags';
import { hasBlockLists, hasDigestEntries, selectBlockedPairs, selectBlockListHeads, selectDomainEntries, selectDomains, type BlockListHead } from './block-list-sql';

/** A domain and every parent domain of it ("a.b.example.com" → itself, "b.example.com", "example.com"). */
function suffixes(domain: string): string[] {
  const parts = domain.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(i).join('.'));
}

/** Only an admin makes either kind of list (check-block-list-power.ts), so its import stands for that decision. */
export const confirmsDirectly = (l: Pick<BlockListHead, 'reason' | 'authority'>) => l.authority !== null || l.reason === 'csam_suspected';

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
  const blocked = await selectBlockedPairs(q, { ...scope, digests: await hasDigestEntries(q, scope.listId) }, domains);
  const byList = new Map<number, number[]>();
  for (const b of blocked) byList.set(b.list_id, [...(byList.get(b.list_id) ?? []), b.pair_id]);
  let flagged = 0;
  for (const list of await selectBlockListHeads(q, [...byList.keys()])) {
    const confirmed = confirmsDirectly(list);
    const by = list.updated_by ?? list.created_by;
    flagged += await writeFlagsIn(q, { id: by, ip: null }, {
      pairIds: byList.get(list.id)!, reason: list.reason, blockListId: list.id, origin: 'machine',
      note: `block list "${list.name}"${list.authority ? ` from ${list.authority}` : ''}`,
      ...(confirmed ? { confirmed: true, authority: list.authority ?? `block list "${list.name}"` } : {}),
    });
  }
  return flagged;
}

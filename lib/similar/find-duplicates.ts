// The pair page's duplicate group: each member through the hiding rule, what matched it, and counts per kind.
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { findPairRows } from './duplicates-sql';
import { matchDuplicates } from './match-duplicates';
import type { DuplicateGroup, DuplicateKind, DuplicateMember } from './neighbour-schemas';
import { toPairSummary } from '../pairs/sql';

export async function findDuplicates(id: number, db: Db = getDb()): Promise<DuplicateGroup> {
  return db.tx(async (q) => {
    const group = await matchDuplicates(q, id);
    const read = new Map((await findPairRows(q, group.matches.filter((m) => !m.row).map((m) => m.id))).map((r) => [r.id, r]));
    // A member deleted since it matched (another transaction) is left out rather than shown empty.
    const members: DuplicateMember[] = group.matches.flatMap((m) => {
      const row = m.row ?? read.get(m.id);
      return row ? [{ ...toPairSummary(row), matchedBy: m.matchedBy, cosine: m.cosine }] : [];
    });
    const count = (kind: DuplicateKind) => members.filter((m) => m.matchedBy.includes(kind)).length;
    return {
      pairId: id,
      datasetId: group.datasetId,
      members,
      counts: { url: count('url'), hash: count('hash'), image: count('image') },
      truncated: group.truncated,
      imageReason: group.imageReason,
    };
  });
}

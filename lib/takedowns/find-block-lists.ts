// Block lists with their size, source, authority, owner, last importer and how many pairs they hit.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { selectBlockLists } from './block-list-sql';
import type { BlockListSummary } from './schemas';

export async function findBlockLists(q: Queryable = getDb()): Promise<BlockListSummary[]> {
  return (await selectBlockLists(q)).map((l) => ({
    id: l.id, name: l.name, reason: l.reason, source: l.source, authority: l.authority, createdBy: l.created_by, updatedBy: l.updated_by, createdAt: l.created_at.toISOString(),
    updatedAt: l.updated_at.toISOString(), entries: l.entries, hits: l.hits,
  }));
}

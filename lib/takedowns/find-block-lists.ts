// Block lists with their size, source, importer and how many pairs they hit.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { selectBlockLists } from './block-list-sql';

export async function findBlockLists(q: Queryable = getDb()) {
  return (await selectBlockLists(q)).map((l) => ({
    id: l.id, name: l.name, reason: l.reason, source: l.source, createdBy: l.created_by, createdAt: l.created_at.toISOString(),
    updatedAt: l.updated_at.toISOString(), entries: l.entries, hits: l.hits,
  }));
}

// Exact duplicates in a dataset: values (URL, LAION hash) that more than one of its pairs share, with the largest
// groups each named by a pair whose page shows the whole group.
import type { Db } from '../db/client';
import { getDb } from '../db/get-db';
import type { ExactDuplicateStats, ExactDuplicates } from './overview-schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import { selectExactDuplicates, type DuplicateGroupRow } from './sql';

/** Largest groups listed per kind. */
export const LARGEST_GROUPS = 5;

/**
 * Settings for this transaction only. Grouping a million rows by URL and by hash holds two million keys: in memory
 * (about 320 MB at a million rows) rather than spilled to disk. And no parallel workers: almost every key is unique,
 * so workers' partial groups shrink nothing and cost a sort and merge of all of them (at a million rows 11 s with
 * two workers, 3 s without; bench/overview-run.ts).
 */
const DUPLICATE_SETTINGS = "SET LOCAL work_mem = '256MB'; SET LOCAL max_parallel_workers_per_gather = 0";

export async function countExactDuplicates(name: string, db: Db = getDb()): Promise<ExactDuplicates> {
  const started = performance.now();
  const rows = await db.tx(async (q) => selectExactDuplicates(q, (await resolveDataset(q, { name }))!.id, LARGEST_GROUPS), { prelude: DUPLICATE_SETTINGS });
  return {
    url: toStats(rows.filter((r) => r.kind === 'url')),
    hash: toStats(rows.filter((r) => r.kind === 'hash')),
    tookMs: Math.round(performance.now() - started),
  };
}

function toStats(rows: DuplicateGroupRow[]): ExactDuplicateStats {
  return { groups: rows[0]?.groups ?? 0, pairs: rows[0]?.pairs ?? 0, largest: rows.map((r) => ({ pairId: r.pair_id, size: r.n })) };
}

// What /api/health reports: which database, which pgvector, and (to whoever may read them) which datasets with how
// many pairs. Under SIEVE_READ=signed-in an anonymous visitor learns only that Sieve is up and on what database.
// A probe asks every few seconds and must stay cheap: counting the pairs the hiding rule shows is a pass over every
// dataset (about 60 ms at 200,000 rows, bench/health.bench.ts), so the counts are kept for 30 s and recounted in the
// background, one count at a time, while the probe answers with the last ones.
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { checkPgvector } from '../db/check-pgvector';
import { describeDatabase, type DatabaseRole } from '../db/describe-database';
import { findDatasets } from '../datasets/find-datasets';
import { readAccess } from '../auth/read-access';
import type { Actor } from '../auth/schemas';

export interface Health {
  status: 'ok';
  /** kind: the connection's kind; role and label: embedded, the managed local server, a PostgreSQL server or Citus. */
  database: { kind: Db['kind']; role: DatabaseRole; label: string; pgvector: string };
  /** Left out for a visitor who may not read (anonymous, when reading needs an account). */
  datasets?: { name: string; model: string; dim: number | null; pairs: number }[];
  /** When `datasets` was counted: at most COUNTS_MAX_AGE_MS before the answer, plus one count. */
  countedAt?: string;
}

export const COUNTS_MAX_AGE_MS = 30_000;

interface Counted {
  at: number;
  datasets: NonNullable<Health['datasets']>;
}

interface CountCache {
  last?: Counted;
  counting?: Promise<Counted>;
}

// Per database handle (tests open many); on globalThis because Next.js may load this module once per route bundle.
const holder = globalThis as typeof globalThis & { __sieveHealthCounts?: WeakMap<Db, CountCache> };

function countDatasets(db: Db, cache: CountCache): Promise<Counted> {
  cache.counting ??= findDatasets(db)
    .then((all) => (cache.last = { at: Date.now(), datasets: all.map(({ name, model, dim, pairs }) => ({ name, model, dim, pairs })) }))
    .finally(() => (cache.counting = undefined));
  return cache.counting;
}

/** The last counts while they are fresh; stale ones while a recount runs; a first count is waited for. */
async function datasetCounts(db: Db): Promise<Counted> {
  const caches = (holder.__sieveHealthCounts ??= new WeakMap());
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = {}));
  const last = cache.last;
  if (!last) return countDatasets(db, cache);
  if (Date.now() - last.at > COUNTS_MAX_AGE_MS) countDatasets(db, cache).catch((err: unknown) => console.error('[health] counting the datasets failed:', err));
  return last;
}

export async function getHealth(db: Db = getDb(), asker?: Pick<Actor, 'kind'>): Promise<Health> {
  const pgvector = await checkPgvector(db);
  const { role, label } = await describeDatabase(db);
  const database = { kind: db.kind, role, label, pgvector };
  if (asker?.kind === 'anonymous' && readAccess() !== 'public') return { status: 'ok', database };
  const { at, datasets } = await datasetCounts(db);
  return { status: 'ok', database, datasets, countedAt: new Date(at).toISOString() };
}

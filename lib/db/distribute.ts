// Sieve on Citus (distributed PostgreSQL, docs/scaling.md): after the migrations, the tables that grow with the data
// are sharded and the small ones every shard joins are copied to every node. Same schema, same SQL, one code path.
import { AppError } from '../errors/app-error';
import type { Db, Queryable } from './client';

/**
 * Sharded by a hash of the pair id, so a dataset's pairs spread over every worker (a search fans out to all of them)
 * and a pair's flags and takedown matches sit on the same shard as the pair (their joins and foreign keys stay local).
 */
export const DISTRIBUTED_TABLES = [
  { table: 'pairs', column: 'id' },
  { table: 'flags', column: 'pair_id' },
  { table: 'takedown_matches', column: 'pair_id' },
  { table: 'hidden_pairs', column: 'pair_id' },
] as const;

/** Small tables that sharded tables join or reference: a full copy on every node. */
export const REFERENCE_TABLES = ['datasets', 'ingest_shards', 'hidden_urls', 'takedowns', 'takedown_items', 'block_lists', 'block_list_entries'] as const;

/**
 * Unique keys a sharded table cannot keep (they lack the shard column). pairs' (dataset_id, source_id, source_row)
 * guards the embedded database's INSERT … ON CONFLICT; on a server, ingest writes a shard once per transaction with
 * COPY and its bookkeeping row (lib/ingest), so re-runs stay idempotent without it.
 */
const UNSHARDABLE_KEYS = [{ table: 'pairs', constraint: 'pairs_dataset_id_source_id_source_row_key' }];

/** Shards per distributed table; Citus's own default is 32 (docs/scaling.md on choosing it). */
export const shardCount = (env: NodeJS.ProcessEnv = process.env) => Math.max(1, Math.trunc(Number(env.SIEVE_CITUS_SHARDS ?? 32)));

export type Engine = 'postgres' | 'citus';

/** Citus when its extension is in this database; SIEVE_DISTRIBUTED=citus insists on it. */
export async function detectEngine(q: Queryable, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const [citus] = await q.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  if (citus) return 'citus';
  if (env.SIEVE_DISTRIBUTED === 'citus') {
    throw new AppError('unavailable', 'SIEVE_DISTRIBUTED=citus, but the citus extension is not in this database: CREATE EXTENSION citus on every node first (docs/scaling.md, scripts/citus.sh)', { dbError: 'missing_extension' });
  }
  return 'postgres';
}

interface ForeignKey { table: string; name: string; definition: string }

/**
 * Distributes the tables that are not yet distributed; does nothing on a plain server or when it already ran.
 * Foreign keys between the tables are dropped first and made again afterwards, since Citus only accepts one
 * once both ends are distributed (co-located) or the referenced end is a reference table.
 */
export async function distributeTables(db: Db): Promise<string[]> {
  if ((await detectEngine(db)) !== 'citus') return [];
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [DISTRIBUTE_LOCK]);
    // Foreign keys to reference tables are made in this transaction: Citus then needs one connection per node.
    await q.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
    return distributeIn(q);
  });
}

// Any constant: the same for every Sieve process that might distribute at once.
const DISTRIBUTE_LOCK = 7_310_216;

async function distributeIn(db: Queryable): Promise<string[]> {
  const named: string[] = [...DISTRIBUTED_TABLES.map((t) => t.table), ...REFERENCE_TABLES];
  // A table a later migration makes is distributed once that migration has run.
  const existing = new Set((await db.query<{ t: string }>('SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL', [named])).map((r) => r.t));
  const tables = named.filter((t) => existing.has(t));
  const done = new Set(
    (await db.query<{ name: string }>('SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE logicalrelid::regclass::text = ANY($1)', [tables])).map((r) => r.name),
  );
  const todo = tables.filter((t) => !done.has(t));
  if (todo.length === 0) return [];
  // A table a later migration added, on a cluster already distributed: it alone is distributed (or copied), beside
  // the tables it joins. New tables carry no foreign keys for this reason.
  if (done.has(DISTRIBUTED_TABLES[0].table)) return distributeNew(db, todo);
  const keys = await db.query<ForeignKey>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE contype = 'f' AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1))`,
    [tables],
  );
  const outside = keys.filter((k) => !tables.includes(k.table));
  if (outside.length) throw new AppError('conflict', `foreign keys from tables Sieve does not distribute: ${outside.map((k) => `${k.table}.${k.name}`).join(', ')}`);
  for (const k of keys) await db.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  for (const u of UNSHARDABLE_KEYS) await db.query(`ALTER TABLE ${u.table} DROP CONSTRAINT IF EXISTS ${u.constraint}`);
  for (const t of REFERENCE_TABLES.filter((r) => existing.has(r))) await db.query('SELECT create_reference_table($1)', [t]);
  const [first, ...rest] = DISTRIBUTED_TABLES.filter((d) => existing.has(d.table));
  await db.query(`SELECT create_distributed_table($1, $2, shard_count => ${shardCount()})`, [first.table, first.column]);
  for (const t of rest) await db.query('SELECT create_distributed_table($1, $2, colocate_with => $3)', [t.table, t.column, first.table]);
  for (const k of keys) await db.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.definition}`);
  return tables;
}

async function distributeNew(db: Queryable, todo: string[]): Promise<string[]> {
  const [first] = DISTRIBUTED_TABLES;
  for (const t of todo) {
    const sharded = DISTRIBUTED_TABLES.find((d) => d.table === t);
    if (sharded) await db.query('SELECT create_distributed_table($1, $2, colocate_with => $3)', [t, sharded.column, first.table]);
    else await db.query('SELECT create_reference_table($1)', [t]);
  }
  return todo;
}

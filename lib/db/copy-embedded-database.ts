// `sieve server migrate-from-embedded`: every row of the embedded database (datasets, pairs with their vectors,
// flags, the audit trail, users and their credentials, takedowns, block lists, exports, jobs) into an empty
// PostgreSQL, ids kept, in one transaction, and checked table by table by counting both sides.
import { AppError } from '../errors/app-error';
import type { Db, Queryable } from './client';

export interface TableCopy {
  table: string;
  /** Rows in the embedded database, and in the target after the copy: equal, or the copy rolled back. */
  source: number;
  target: number;
}

/** Rows per round trip: two 512-d vectors as JSON text are ~8 kB a pair, so ~4 MB a batch. */
const BATCH = 500;
const MIGRATIONS_TABLE = '_sieve_migrations';

/** Both databases must be migrated to the same version first (the columns are read from the source's catalog). */
export async function copyEmbeddedDatabase(from: Db, to: Db, opts: { onTable?: (t: TableCopy) => void } = {}): Promise<TableCopy[]> {
  const tables = await orderedTables(from);
  const columns = new Map(await Promise.all(tables.map(async (t) => [t, await copiedColumns(from, t)] as const)));
  const busy: string[] = [];
  for (const t of tables) if ((await to.query(`SELECT 1 FROM ${t} LIMIT 1`)).length > 0) busy.push(t);
  if (busy.length > 0) {
    throw new AppError('conflict', `the target database already holds data (${busy.join(', ')}): migrate-from-embedded fills an empty database only, so nothing was copied`);
  }
  return to.tx(async (tq) => {
    const report: TableCopy[] = [];
    for (const table of tables) {
      await copyTable(from, tq, table, columns.get(table)!);
      const copy = { table, source: await count(from, table), target: await count(tq, table) };
      if (copy.source !== copy.target) {
        throw new AppError('internal', `copying ${table} gave ${copy.target} rows for the embedded database's ${copy.source}: nothing was kept`);
      }
      report.push(copy);
      opts.onTable?.(copy);
    }
    await moveSequences(tq, tables);
    return report;
  });
}

const count = async (q: Queryable, table: string) => Number((await q.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** Names come from the catalog and are checked, since they are written into the SQL. */
const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new AppError('internal', `unexpected table or column name ${JSON.stringify(name)}`);
  return name;
};

/** Public tables, each after the tables its foreign keys point to. */
async function orderedTables(q: Queryable): Promise<string[]> {
  const tables = (await q.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY 1`,
    [MIGRATIONS_TABLE],
  )).map((r) => ident(r.name));
  const refs = await q.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const ordered: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (ordered.includes(t) || path.includes(t)) return;
    for (const r of refs) if (r.child === t && r.parent !== t) visit(r.parent, [...path, t]);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered.filter((t) => tables.includes(t));
}

/** Generated columns (the caption's full-text vector) are computed again by the target. */
async function copiedColumns(q: Queryable, table: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => ident(r.name));
}

/**
 * Rows travel as JSON text: each value in its type's own text form (halfvec's is exact for float16), which
 * jsonb_populate_recordset reads back through the same type's input, so no value passes through a JavaScript number.
 */
async function copyTable(from: Db, to: Queryable, table: string, columns: string[]): Promise<void> {
  const list = columns.join(', ');
  await from.tx(async (fq) => {
    await fq.query(`DECLARE sieve_copy NO SCROLL CURSOR FOR SELECT to_jsonb(r)::text AS j FROM (SELECT ${list} FROM ${table}) r`);
    for (;;) {
      const rows = await fq.query<{ j: string }>(`FETCH ${BATCH} FROM sieve_copy`);
      if (rows.length === 0) break;
      await to.query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [`[${rows.map((r) => r.j).join(',')}]`]);
    }
  });
}

/** Ids were kept, so each serial's sequence moves past the largest copied id (the next row must not collide). */
async function moveSequences(q: Queryable, tables: string[]): Promise<void> {
  const serials = await q.query<{ table: string; column: string; seq: string }>(
    `SELECT c.table_name AS table, c.column_name AS column, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) AS seq
     FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = ANY($1::text[])
       AND pg_get_serial_sequence(format('%I', c.table_name), c.column_name) IS NOT NULL`,
    [tables],
  );
  for (const s of serials) {
    await q.query(`SELECT setval($1, coalesce(max(${ident(s.column)}), 1), max(${ident(s.column)}) IS NOT NULL) FROM ${ident(s.table)}`, [s.seq]);
  }
}

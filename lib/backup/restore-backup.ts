// `sieve restore FILE`: puts a backup's rows back in one transaction, after reading the whole file once to check it
// (a cut or edited file is refused before anything is written). Rows already present exactly as the backup has
// them are left alone, so a second restore adds nothing and audit events are never rewritten; a row present with
// other content is a conflict and the restore refuses rather than choose. Pairs are found again by dataset, shard
// fingerprint and row: their datasets must be ingested first, and a flag whose pair is missing fails the restore.
import path from 'node:path';
import type { Db, Queryable } from '../db/client';
import { readMigrations } from '../db/migrate';
import { AppError } from '../errors/app-error';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { syncHiding } from '../flags/sync-hiding';
import { equalUpToMasks } from '../masking/mask-hidden';
import { readBackup } from './read-backup';
import type { BackupHeader, BackupRow, PairRef, RestoreSummary } from './schemas';
import { insertRows, moveSequencePast, selectDatasetIds, selectExistingRows, selectPairIds } from './sql';
import { BACKUP_TABLES, backupTable, dbColumns, type BackupTable, type BackupTableName } from './tables';

// Rows per lookup and insert: one statement each for the existing rows, the pairs and the new rows.
const BATCH_ROWS = 5_000;

export async function restoreBackup(db: Db, actor: Pick<Actor, 'id' | 'ip'>, file: string): Promise<RestoreSummary> {
  const { header, datasets } = await checkFile(file);
  const datasetIds = await selectDatasetIds(db, datasets);
  const missing = datasets.filter((d) => !datasetIds.has(d));
  if (missing.length) {
    throw new AppError('not_found', `${file} refers to datasets this database does not have: ${missing.map((d) => `"${d}"`).join(', ')}; ingest them from the same source files first (sieve ingest <path> --dataset <name>), then restore again. Nothing was written`, { file });
  }
  // On Citus, one connection per node for the whole transaction: it writes reference tables and then sharded ones.
  const prelude = db.kind === 'server' ? "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'" : undefined;
  return db.tx(async (tx) => {
    const r = new Restore(tx, file, datasetIds);
    let batch: { table: BackupTableName; rows: { n: number; row: BackupRow }[] } | null = null;
    for await (const item of readBackup(file, { trusted: true })) {
      if (item.kind !== 'row') continue;
      if (batch && (batch.table !== item.table || batch.rows.length >= BATCH_ROWS)) {
        await r.write(backupTable(batch.table), batch.rows);
        batch = null;
      }
      (batch ??= { table: item.table, rows: [] }).rows.push({ n: item.n, row: item.row });
    }
    if (batch) await r.write(backupTable(batch.table), batch.rows);
    return r.finish(actor, header);
  }, prelude ? { prelude } : undefined);
}

async function checkFile(file: string): Promise<{ header: BackupHeader; datasets: string[] }> {
  let header: BackupHeader | null = null;
  const datasets = new Set<string>();
  for await (const item of readBackup(file)) {
    if (item.kind === 'header') header = item.header;
    else if (item.row.pair) datasets.add(item.row.pair.dataset);
    else if (item.row.dataset) datasets.add(item.row.dataset);
  }
  const known = readMigrations().map((m) => m.name);
  if (header && !known.includes(header.sieve_schema) && header.sieve_schema > known.at(-1)!) {
    throw new AppError('bad_request', `${file} was taken from a newer Sieve (schema ${header.sieve_schema}; this one knows up to ${known.at(-1)}): restore it with that version or later`, { file });
  }
  return { header: header!, datasets: [...datasets] };
}

class Restore {
  private readonly counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, { added: 0, present: 0 }])) as RestoreSummary['tables'];
  private readonly missingPairs: { table: string; pair: PairRef }[] = [];
  private readonly csamPairs: number[] = [];

  constructor(private readonly q: Queryable, private readonly file: string, private readonly datasetIds: Map<string, number>) {}

  async write(spec: BackupTable, lines: { n: number; row: BackupRow }[]): Promise<void> {
    const resolved = await this.resolve(spec, lines);
    const existing = await Promise.all(spec.keys.map(async (key) => {
      const rows = await selectExistingRows(this.q, spec, key, resolved.filter(({ row }) => key.every((c) => row[c] !== null)).map(({ row }) => key.map((c) => row[c])));
      return new Map(rows.map((r) => [keyOf(r, key), r]));
    }));
    const fresh: Record<string, unknown>[] = [];
    for (const { n, row } of resolved) {
      const found = spec.keys.map((key, i) => existing[i].get(keyOf(row, key))).filter((r) => r !== undefined);
      if (found.length === 0) {
        fresh.push(row);
        if (spec.name === 'flags' && row.reason === 'csam_suspected') this.csamPairs.push(row.pair_id as number);
        continue;
      }
      // A backup keeps hidden URLs masked: the masked form stands for the clear one this database may still hold.
      const differs = found.flatMap((old) => dbColumns(spec).filter((c) => !equalUpToMasks(row[c], old[c])));
      if (differs.length) {
        throw new AppError('conflict', `${this.file}: line ${n}: ${spec.name} ${spec.keys.map((k) => k.map((c) => `${c}=${JSON.stringify(row[c])}`).join(' ')).join(' / ')} is already in this database with another ${differs[0]}; a restore never overwrites rows: restore into a fresh database. Nothing was written`, { file: this.file });
      }
      this.counts[spec.name].present += 1;
    }
    await insertRows(this.q, spec, fresh);
    this.counts[spec.name].added += fresh.length;
  }

  /** The rows in the database's form: pair and dataset names turned into this database's ids. */
  private async resolve(spec: BackupTable, lines: { n: number; row: BackupRow }[]): Promise<{ n: number; row: Record<string, unknown> }[]> {
    const pairIds = spec.pairRef ? await this.pairIds(lines.map((l) => l.row.pair!)) : null;
    const out: { n: number; row: Record<string, unknown> }[] = [];
    for (const { n, row } of lines) {
      const { pair, dataset, ...columns } = row;
      const db: Record<string, unknown> = { ...columns };
      if (pair) {
        const id = pairIds!.get(pairKey(pair));
        if (id === undefined) {
          this.missingPairs.push({ table: spec.name, pair });
          continue;
        }
        db.pair_id = id;
      }
      if (spec.datasetRef) db.dataset_id = dataset == null ? null : this.datasetIds.get(dataset)!;
      out.push({ n, row: db });
    }
    return out;
  }

  private async pairIds(refs: PairRef[]): Promise<Map<string, number>> {
    const byShard = new Map<string, PairRef[]>();
    for (const p of refs) {
      const shard = `${p.dataset}\0${p.source_id}`;
      if (!byShard.has(shard)) byShard.set(shard, []);
      byShard.get(shard)!.push(p);
    }
    const found = new Map<string, number>();
    for (const shard of byShard.values()) {
      const { dataset, source_id } = shard[0];
      const ids = await selectPairIds(this.q, this.datasetIds.get(dataset)!, source_id, shard.map((p) => p.source_row));
      for (const [row, id] of ids) found.set(pairKey({ dataset, source_id, source_row: row }), id);
    }
    return found;
  }

  async finish(actor: Pick<Actor, 'id' | 'ip'>, header: BackupHeader): Promise<RestoreSummary> {
    if (this.missingPairs.length) {
      const sample = this.missingPairs.slice(0, 3).map(({ table, pair }) => `${table} on "${pair.dataset}" shard ${pair.source_id} row ${pair.source_row}`);
      throw new AppError('not_found', `${this.file}: ${this.missingPairs.length} rows name pairs this database does not have (${sample.join('; ')}${this.missingPairs.length > 3 ? '; …' : ''}); ingest the same source files the backed-up database had, then restore again. Nothing was written`, { file: this.file });
    }
    // The hiding rule's URL list follows the restored csam_suspected flags, kept by lib/flags as for any new flag.
    await syncHiding(this.q, this.csamPairs);
    for (const spec of BACKUP_TABLES) if (spec.serial) await moveSequencePast(this.q, spec.name, spec.serial);
    const added = Object.fromEntries(Object.entries(this.counts).filter(([, c]) => c.added > 0).map(([t, c]) => [t, c.added]));
    if (Object.keys(added).length) {
      await recordEvent(this.q, { actor: actor.id, ip: actor.ip, action: 'backup.restore', subject: `backup:${header.created_at}`, details: { file: path.basename(this.file), added } });
    }
    return { file: this.file, createdAt: header.created_at, tables: this.counts };
  }
}

const keyOf = (row: Record<string, unknown>, key: string[]) => JSON.stringify(key.map((c) => row[c]));
const pairKey = (p: PairRef) => `${p.dataset}\0${p.source_id}\0${p.source_row}`;

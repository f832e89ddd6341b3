// The pairs an export starts from, read in batches in a fixed order with the rule applied: a search re-run by the
// server (a ranked one in rank order, else every match in id order), a whole dataset, or a pair's duplicate group.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { resolveDataset } from '../datasets/resolve-dataset';
import type { DatasetRecord } from '../datasets/schemas';
import { resolvePairTarget, type PairSet } from '../similar/resolve-pair-target';
import type { ExportRule, ExportSource } from './schemas';
import { selectExportRows, selectExportRowsAfter, type ExportPairRow } from './sql';

export interface RowBatch {
  rows: ExportPairRow[];
  /** Pairs of the source this batch covered, kept or not. */
  seen: number;
}

export interface ExportRows {
  dataset: DatasetRecord;
  notices: string[];
  batches(rule: ExportRule, vectors: { img: boolean; txt: boolean }, size: number): AsyncGenerator<RowBatch>;
}

/** Which pairs the source covers is resolved as for flags (lib/similar); the rows and the rule are the export's. */
export async function resolveExportSource(db: Db, source: ExportSource): Promise<ExportRows> {
  if (source.kind === 'duplicates') {
    const group = await resolvePairTarget(db, source);
    const [pair] = await db.query<{ dataset_id: number }>('SELECT dataset_id FROM shown_pairs WHERE id = $1', [source.pairId]);
    if (!pair) throw new AppError('not_found', `pair ${source.pairId} does not exist`);
    const dataset = (await resolveDataset(db, { id: pair.dataset_id }))!;
    return { dataset, notices: [], batches: (rule, vectors, size) => byIds(db, idsOf(group, size), rule, vectors) };
  }
  // The rule decides which flagged pairs stay out, so the search itself sees every flag state.
  const query = source.kind === 'query' ? { ...source.query, flagState: 'any' as const } : { dataset: source.dataset, flagState: 'any' as const };
  const matches = await resolvePairTarget(db, { kind: 'search', query, k: source.kind === 'query' ? source.k : undefined });
  const dataset = matches.dataset!;
  if (query.dataset && dataset.name !== query.dataset) throw new AppError('bad_request', `dataset "${query.dataset}" does not exist`);
  const { scan } = matches;
  return {
    dataset,
    notices: matches.notices,
    batches: scan
      ? async function* (rule, vectors, size) {
          const read = (afterId: number) => selectExportRowsAfter(db, scan, { afterId, limit: size, rule, vectors });
          for (let pending = read(0); ; ) {
            const b = await pending;
            if (b.lastId === null) return;
            // The next batch is read while this one is written.
            pending = read(b.lastId);
            pending.catch(() => undefined);
            yield { rows: b.rows, seen: b.seen };
          }
        }
      : (rule, vectors, size) => byIds(db, idsOf(matches, size), rule, vectors),
  };
}

async function* idsOf(set: PairSet, size: number): AsyncGenerator<number[]> {
  for await (const b of set.batches(0, size)) yield b.ids;
}

/** Rows of each id batch, the next batch's read started before this one is handed on (the writer works meanwhile). */
async function* byIds(db: Db, idBatches: AsyncGenerator<number[]>, rule: ExportRule, vectors: { img: boolean; txt: boolean }): AsyncGenerator<RowBatch> {
  let current = await idBatches.next();
  let pending = current.done ? null : selectExportRows(db, current.value, rule, vectors);
  while (!current.done) {
    const next = await idBatches.next();
    const following = next.done ? null : selectExportRows(db, next.value, rule, vectors);
    // Attached at once, so a failing read-ahead is reported where it is awaited, not as unhandled.
    following?.catch(() => undefined);
    yield { rows: await pending!, seen: current.value.length };
    current = next;
    pending = following;
  }
}

// The pairs an export starts from, as id batches in a fixed order (a ranked search's order, else pair id): a search
// re-run by the server, a whole dataset, or a pair's duplicate group.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { resolveDataset } from '../datasets/resolve-dataset';
import type { DatasetRecord } from '../datasets/schemas';
import { findDuplicateIds } from '../pairs/find-duplicate-ids';
import { openMatches } from '../search/open-matches';
import type { ExportSource } from './schemas';

export interface ExportIds {
  dataset: DatasetRecord;
  notices: string[];
  batches(size: number): AsyncGenerator<number[]>;
}

export async function resolveExportSource(db: Db, source: ExportSource): Promise<ExportIds> {
  if (source.kind === 'duplicates') {
    const ids = await findDuplicateIds(db, source.pairId);
    const [{ dataset_id }] = await db.query<{ dataset_id: number }>('SELECT dataset_id FROM pairs WHERE id = $1', [source.pairId]);
    const dataset = (await resolveDataset(db, { id: dataset_id }))!;
    return {
      dataset,
      notices: [],
      async *batches(size) {
        for (let i = 0; i < ids.length; i += size) yield ids.slice(i, i + size);
      },
    };
  }
  // The rule decides which flagged pairs stay out, so the search itself sees every flag state.
  const query = source.kind === 'query' ? { ...source.query, flagState: 'any' as const } : { dataset: source.dataset, flagState: 'any' as const };
  const matches = await openMatches(query, { k: source.kind === 'query' ? source.k : undefined }, db);
  if (source.kind === 'query' && query.dataset && matches.dataset.name !== query.dataset) throw new AppError('bad_request', `dataset "${query.dataset}" does not exist`);
  return {
    dataset: matches.dataset,
    notices: matches.notices,
    async *batches(size) {
      for await (const b of matches.batches(0, size)) yield b.ids;
    },
  };
}

// Reads LAION metadata parquet files (URL + caption + scores, no vectors): one Shard per file.
import { join } from 'node:path';
import { badInput } from '../errors/bad-input';
import { openParquetFile } from '../parquet/open-parquet-file';
import { checkBatchSize } from './check-batch-size';
import { normaliseRow } from './normalise-row';
import { COLUMN_ALIASES, resolveColumns } from './resolve-columns';
import type { PairRecord, Shard, Source } from './types';

/**
 * Opens each of `files` (paths relative to `root`, already in shard order) from its footer and
 * checks it has a URL and a caption column; no rows are read until a shard's batches() runs.
 */
export async function readParquetSource(root: string, files: string[]): Promise<Source> {
  const shards: Shard[] = [];
  for (const file of files) shards.push(await openParquetShard(root, file));
  return { kind: 'parquet', root, shards };
}

async function openParquetShard(root: string, file: string): Promise<Shard> {
  const parquet = await openParquetFile(join(root, file), file);
  const columns = resolveColumns(parquet.columns);
  for (const field of ['url', 'caption'] as const) {
    if (columns.fields[field] === undefined) {
      throw badInput(
        file,
        `no ${field} column (looked for ${COLUMN_ALIASES[field].join(' or ')}, any case; ` +
          `found ${parquet.columns.join(', ') || 'no columns'})`,
      );
    }
  }
  return {
    file,
    rows: parquet.rows,
    dim: null,
    async *batches(batchSize: number): AsyncGenerator<PairRecord[]> {
      checkBatchSize(batchSize);
      for await (const window of parquet.windows()) {
        for (let i = 0; i < window.rows.length; i += batchSize) {
          yield window.rows
            .slice(i, i + batchSize)
            .map((raw, j) => normaliseRow(raw, { file, row: window.start + i + j, root, columns }));
        }
      }
    },
  };
}

// One clip-retrieval partition: metadata_N.parquet rows matched by position to img_emb_N.npy (and text_emb_N.npy) rows.
import { join } from 'node:path';
import { badInput } from '../errors/bad-input';
import { openParquetFile } from '../parquet/open-parquet-file';
import { checkBatchSize } from './check-batch-size';
import { normaliseRow } from './normalise-row';
import { normaliseVector } from './normalise-vector';
import { readNpy, type NpyReader } from './read-npy';
import { resolveColumns } from './resolve-columns';
import type { PairRecord, Shard } from './types';

export interface EmbeddingShardFiles {
  /** Paths relative to root. */
  metadata: string;
  imgEmb: string;
  textEmb: string | null;
}

/**
 * Opens the three files' headers and checks they agree (row counts, dimensions, a url or
 * image_path column) before any row is read, so a bad partition fails before writing.
 */
export async function openEmbeddingShard(root: string, files: EmbeddingShardFiles): Promise<Shard> {
  const file = files.metadata;
  const parquet = await openParquetFile(join(root, file), file);
  const img = await readNpy(join(root, files.imgEmb), files.imgEmb);
  const txt = files.textEmb === null ? null : await readNpy(join(root, files.textEmb), files.textEmb);
  for (const npy of txt ? [img, txt] : [img]) {
    if (npy.rows !== parquet.rows) {
      throw badInput(file, `has ${parquet.rows} rows but ${npy.file} has ${npy.rows}; rows are matched by position, so the counts must be equal`);
    }
  }
  if (txt && txt.dim !== img.dim) {
    throw badInput(file, `${img.file} has ${img.dim}-dim vectors but ${txt.file} has ${txt.dim}-dim; both must come from the same CLIP model`);
  }
  const columns = resolveColumns(parquet.columns);
  if (columns.fields.url === undefined && columns.fields.imagePath === undefined) {
    throw badInput(file, `no url or image_path column (found ${parquet.columns.join(', ') || 'no columns'})`);
  }

  async function* batches(batchSize: number): AsyncGenerator<PairRecord[]> {
    checkBatchSize(batchSize);
    for await (const window of parquet.windows()) {
      for (let i = 0; i < window.rows.length; i += batchSize) {
        const start = window.start + i;
        const raws = window.rows.slice(i, i + batchSize);
        const imgRows = await img.readRows(start, raws.length);
        const txtRows = txt ? await txt.readRows(start, raws.length) : null;
        yield raws.map((raw, j) => {
          const row = start + j;
          const record = normaliseRow(raw, { file, row, root, columns });
          if (record.url === null && record.imagePath === null) throw badInput(file, 'has neither a url nor an image_path', row);
          record.imgEmb = normaliseVector(imgRows[j], img.file, row, img.dim);
          record.txtEmb = txtRows ? normaliseVector(txtRows[j], (txt as NpyReader).file, row, img.dim) : null;
          return record;
        });
      }
    }
  }
  return { file, rows: parquet.rows, dim: img.dim, batches };
}

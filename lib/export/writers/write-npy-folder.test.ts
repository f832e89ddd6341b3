import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../ingest/detect-source';
import { makeTempDir } from '../../ingest/__fixtures__/make-temp-dir';
import { readNpy } from '../../ingest/read-npy';
import type { PairRecord } from '../../ingest/types';
import { SHARED_DATA } from '../../../test/shared-data';
import { EXTRA_COLUMNS, makeExportRows } from './__fixtures__/make-export-rows';
import { openWriter } from './open-writer';
import type { ExportRow, RowWriter } from './types';
import { storableText } from '../../ingest/storable-text';

const DIM = 512;
const SHARD_ROWS = 3;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let runs = 0;
let vectors: Float32Array[];
beforeAll(async () => {
  tmp = await makeTempDir('export-npy');
  const clip = await readNpy(join(SHARED_DATA, 'clip-vit-b32', 'img_emb.npy'), 'img_emb.npy');
  vectors = await clip.readRows(0, clip.rows);
  // The seven real vectors are float16 already; a normalised mix of two is not, so rounding is exercised too.
  vectors.push(unit(vectors[0].map((x, i) => x + vectors[1][i])));
});
afterAll(() => tmp.cleanup());

function unit(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** 8 rows = 2⅔ shards of 3; ingest needs a URL on every row, and each row gets its own vectors. */
function npyRows(): ExportRow[] {
  return makeExportRows(8).map((row, i) => ({
    ...row,
    url: row.url ?? `https://example.org/no-url-${i}.jpg`,
    imgEmb: vectors[i],
    txtEmb: vectors[(i + 3) % 8],
  }));
}

async function openNpyExport(withText: boolean): Promise<{ dir: string; writer: RowWriter }> {
  const dir = join(tmp.dir, `${runs++}`);
  await mkdir(dir);
  return { dir, writer: await openWriter('npy', dir, { extraColumns: EXTRA_COLUMNS, dim: DIM, withText, shardRows: SHARD_ROWS }) };
}

function expectClose(actual: Float32Array, wanted: Float32Array) {
  expect(actual.length).toBe(wanted.length);
  const worst = actual.reduce((m, x, i) => Math.max(m, Math.abs(x - wanted[i])), 0);
  expect(worst).toBeLessThanOrEqual(1e-3);
}

describe('npy export (clip-retrieval embedding folder)', () => {
  it('writes aligned shards of shardRows rows, splitting batches at shard boundaries', async () => {
    const rows = npyRows();
    const { dir, writer } = await openNpyExport(true);
    for (const batch of [rows.slice(0, 2), [], rows.slice(2, 7), rows.slice(7)]) await writer.write(batch);
    const files = await writer.finish();
    expect(files.map((f) => [f.path, f.rows])).toEqual([0, 1, 2].flatMap((n) => {
      const count = n < 2 ? 3 : 2;
      return [[`metadata/metadata_${n}.parquet`, count], [`img_emb/img_emb_${n}.npy`, count], [`text_emb/text_emb_${n}.npy`, count]];
    }));
    for (const file of files) expect(file.bytes).toBe((await stat(join(dir, file.path))).size);

    for (const [n, start] of [[0, 0], [1, 3], [2, 6]]) {
      for (const [kind, wanted] of [['img_emb', (i: number) => rows[i].imgEmb!], ['text_emb', (i: number) => rows[i].txtEmb!]] as const) {
        const file = `${kind}/${kind}_${n}.npy`;
        const npy = await readNpy(join(dir, file), file);
        const count = n < 2 ? 3 : 2;
        expect(npy).toMatchObject({ dtype: 'float16', shape: [count, DIM], rows: count, dim: DIM });
        const read = await npy.readRows(0, count);
        read.forEach((v, j) => expectClose(v, wanted(start + j)));
      }
    }
  });

  it('writes npy headers numpy accepts: magic, version 1.0, padded to 64 bytes, ending in a newline', async () => {
    const { dir, writer } = await openNpyExport(false);
    await writer.write(npyRows());
    const files = await writer.finish();
    expect(files.map((f) => f.path)).not.toContain('text_emb/text_emb_0.npy');
    const bytes = await readFile(join(dir, 'img_emb', 'img_emb_2.npy'));
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0]));
    const headerLength = bytes.readUInt16LE(8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
    expect(header).toMatch(/^\{'descr': '<f2', 'fortran_order': False, 'shape': \(2, 512\), \} *\n$/);
    expect(bytes.length).toBe(10 + headerLength + 2 * DIM * 2);
    // Every shard's header has the same size, whatever its row count: it was rewritten in place.
    const first = await readFile(join(dir, 'img_emb', 'img_emb_0.npy'));
    expect(first.readUInt16LE(8)).toBe(headerLength);
  });

  it("reads back through Sieve's ingest with the same metadata and vectors", async () => {
    const rows = npyRows();
    const { dir, writer } = await openNpyExport(true);
    await writer.write(rows.slice(0, 5));
    await writer.write(rows.slice(5));
    await writer.finish();

    const source = await openSource(dir);
    expect(source.kind).toBe('embedding-folder');
    expect(source.shards.map((s) => [s.file, s.rows, s.dim])).toEqual([
      ['metadata/metadata_0.parquet', 3, DIM], ['metadata/metadata_1.parquet', 3, DIM], ['metadata/metadata_2.parquet', 2, DIM],
    ]);
    const records: PairRecord[] = [];
    for (const shard of source.shards) for await (const batch of shard.batches(2)) records.push(...batch);
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const row = rows[i];
      expect(record).toMatchObject({
        // Ingest stores a NUL (which PostgreSQL can't hold) as U+FFFD; every other character comes back as written.
        url: row.url, caption: row.caption === null ? null : storableText(row.caption), width: row.width, height: row.height,
        similarity: row.similarity, punsafe: row.punsafe, pwatermark: row.pwatermark, aesthetic: row.aesthetic,
        hash: row.hash, license: row.license, language: row.language, nsfw: row.nsfw, sampleId: row.sampleId,
      });
      const text = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
      expect(record.extra).toEqual({
        sieve_id: String(row.id),
        score: text(row.extra?.score), exif: text(row.extra?.exif), note: text(row.extra?.note), missing: null,
      });
      expectClose(record.imgEmb!, row.imgEmb!);
      expectClose(record.txtEmb!, row.txtEmb!);
    });
  });

  it('an export of zero rows is one empty shard that still reads back', async () => {
    const { dir, writer } = await openNpyExport(true);
    const files = await writer.finish();
    expect(files.map((f) => [f.path, f.rows])).toEqual([
      ['metadata/metadata_0.parquet', 0], ['img_emb/img_emb_0.npy', 0], ['text_emb/text_emb_0.npy', 0],
    ]);
    expect(await readNpy(join(dir, 'img_emb', 'img_emb_0.npy'), 'img_emb_0.npy')).toMatchObject({ shape: [0, DIM], rows: 0 });
    const source = await openSource(dir);
    expect(source.shards.map((s) => s.rows)).toEqual([0]);
  });

  it('no empty shard follows when the total is a multiple of shardRows', async () => {
    const { writer } = await openNpyExport(false);
    await writer.write(npyRows().slice(0, 6));
    expect((await writer.finish()).map((f) => f.path)).toEqual([
      'metadata/metadata_0.parquet', 'img_emb/img_emb_0.npy', 'metadata/metadata_1.parquet', 'img_emb/img_emb_1.npy',
    ]);
  });

  it('throws on a row without its vectors before writing any of the batch, so the files stay aligned', async () => {
    const rows = npyRows();
    const { dir, writer } = await openNpyExport(true);
    await writer.write(rows.slice(0, 2));
    const bad = [rows[2], { ...rows[3], txtEmb: null }];
    await expect(writer.write(bad)).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/no text embedding/) });
    await expect(writer.write([{ ...rows[3], imgEmb: new Float32Array(3) }])).rejects.toThrow(/3-dim image embedding/);
    const files = await writer.finish();
    expect(files.map((f) => f.rows)).toEqual([2, 2, 2]);
    expect(await readNpy(join(dir, 'text_emb', 'text_emb_0.npy'), 'text_emb_0.npy')).toMatchObject({ rows: 2 });
  });

  it('needs the embedding dimension', async () => {
    const dir = join(tmp.dir, `${runs++}`);
    await mkdir(dir);
    await expect(openWriter('npy', dir, { extraColumns: [] })).rejects.toMatchObject({ code: 'internal' });
  });
});

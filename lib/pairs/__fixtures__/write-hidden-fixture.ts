// Test support: two clip-retrieval embedding folders with local images, made so that flagging one pair hides three:
// `main` row 0 (the source), `main` row 1 (a re-hosted copy: its image vector at cosine ≈ 0.99, another URL) and
// `mirror` row 0 (the same URL in another dataset). Every field and extra column of those three holds a marker
// string no other pair has ("MARK-" + who + field), so a test can look for any trace of them in a file.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { makeVectors } from '../../ingest/__fixtures__/write-laion-parquet';
import { writeNpy } from '../../ingest/__fixtures__/write-npy';
import { DEMO_DIR } from '../../ingest/load-demo';

export const DIM = 32;
export const MARK = 'MARK-';
const DEMO_IMAGES = ['123_456.jpg', '208_495.jpg', '321_421.jpg', '389_535.jpg', '416_264.jpg', '456_123.jpg', '524_316.jpg'];

export interface FixtureRow {
  url: string;
  caption: string;
  hash: string;
  key: string;
  originalUrl: string;
  image: string;
  vector: Float32Array;
}

const marked = (who: string, image: string, vector: Float32Array): FixtureRow => ({
  url: `https://${who}.canary.example/${MARK}${who}-url.jpg`, caption: `${MARK}${who}-caption`, hash: `${MARK}${who}-hash`, key: `${MARK}${who}-key`,
  originalUrl: `https://orig.example/${MARK}${who}-extra`, image, vector,
});

/** `main` (8 rows: source, look-alike, 6 others) and `mirror` (2 rows: the twin, 1 other), images copied under dir. */
export async function writeHiddenFixture(dir: string): Promise<{ main: string; mirror: string; rows: { main: FixtureRow[]; mirror: FixtureRow[] } }> {
  await mkdir(join(dir, 'images'), { recursive: true });
  // Copies, never the repository's own files: hiding deletes a hidden pair's image.
  const images = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
    const to = join(dir, 'images', `img-${i}.jpg`);
    await copyFile(join(DEMO_DIR, 'clip-photos', 'images', DEMO_IMAGES[i % DEMO_IMAGES.length]), to);
    return to;
  }));
  const v = makeVectors(10, DIM, 7);
  const row = (i: number) => v.slice(i * DIM, (i + 1) * DIM);
  const nudged = row(0).map((x, j) => x + 0.02 * Math.sin(j + 1));
  const plain = (i: number): FixtureRow => ({
    url: `https://ok.example.org/${i}.jpg`, caption: `an ordinary picture ${i}`, hash: `h${i}`, key: `k${i}`, originalUrl: `https://orig.example/${i}`, image: images[i], vector: row(i),
  });
  const main = [marked('source', images[0], row(0)), marked('lookalike', images[1], nudged), ...[2, 3, 4, 5, 6, 7].map(plain)];
  const twin = { ...marked('twin', images[8], row(8)), url: main[0].url };
  const mirror = [twin, plain(9)];
  await writeFolder(join(dir, 'main'), main);
  await writeFolder(join(dir, 'mirror'), mirror);
  return { main: join(dir, 'main'), mirror: join(dir, 'mirror'), rows: { main, mirror } };
}

export async function writeFolder(root: string, rows: FixtureRow[]): Promise<void> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  const col = (name: string, data: string[]) => ({ name, data, type: 'STRING' as const });
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      col('url', rows.map((r) => r.url)), col('caption', rows.map((r) => r.caption)), col('hash', rows.map((r) => r.hash)),
      col('key', rows.map((r) => r.key)), col('original_url', rows.map((r) => r.originalUrl)), col('image_path', rows.map((r) => r.image)),
    ],
  });
  const data = new Float32Array(rows.length * DIM);
  rows.forEach((r, i) => data.set(r.vector, i * DIM));
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [rows.length, DIM], data });
}

// Test support: the canary dataset. One pair to be hidden whose every field and extra column holds a marker string,
// a pair with the same URL (its URL twin) and a re-hosted copy of its image at another URL (a look-alike, cosine
// ≈ 0.99), each with markers of their own, beside innocent rows. Any marker seen in an answer or a file is a leak.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { writeNpy } from '@/lib/ingest/__fixtures__/write-npy';
import { readNpy } from '@/lib/ingest/read-npy';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { gaussian } from '@/lib/search/__fixtures__/write-clustered-folder';

export const ROLES = ['source', 'twin', 'look'] as const;
export type CanaryRole = (typeof ROLES)[number];

/** The fields of one marked row; every value is unique to its role and field, and appears in no innocent row. */
export function markersOf(role: CanaryRole) {
  const m = (field: string) => `cnry${field}${role}`;
  return {
    url: role === 'look' ? `https://${m('host')}.example/${m('path')}.jpg` : 'https://cnryhostsource.example/cnrypathsource.jpg',
    caption: `a photo ${m('caption')}`,
    key: m('key'),
    hash: m('hash'),
    license: m('license'),
    language: m('lang'),
    nsfw: m('nsfw'),
    originalUrl: `https://${m('orighost')}.example/${m('origpath')}.jpg`,
    note: m('extra'),
    image: `${m('image')}.jpg`,
  };
}

/**
 * The strings whose presence anywhere means a leak, and the one field a reviewer may see: the source's caption (the
 * review item). The twin shares the source's URL, so the URL's parts are listed once.
 */
export function allMarkers(): { marker: string; role: CanaryRole; field: string }[] {
  const out: { marker: string; role: CanaryRole; field: string }[] = [];
  for (const role of ROLES) {
    const m = markersOf(role);
    const values: Record<string, string> = {
      caption: m.caption.replace('a photo ', ''), key: m.key, hash: m.hash, license: m.license, language: m.language, nsfw: m.nsfw,
      originalUrl: m.originalUrl.slice(8, -4), extra: m.note, image: m.image.replace('.jpg', ''),
    };
    if (role !== 'twin') values.url = new URL(m.url).hostname;
    for (const [field, marker] of Object.entries(values)) out.push({ marker, role, field });
  }
  return out;
}

/**
 * A clip-retrieval folder: the demo's seven real CLIP photos (innocent) and the three marked rows, whose vectors are
 * the first photo's moved a little (the source and its look-alike at cosine ≈ 0.99 to each other) and whose images
 * are copies of that photo under marked file names. Returns the rows' captions by role, to find their ids.
 */
export async function writeCanaryFolder(root: string): Promise<void> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  await mkdir(join(root, 'images'), { recursive: true });
  const demo = join(DEMO_DIR, 'clip-photos');
  const npy = await readNpy(join(demo, 'img_emb', 'img_emb_0.npy'), 'img_emb_0.npy');
  const photos = await npy.readRows(0, npy.rows);
  const names = ['123_456.jpg', '208_495.jpg', '321_421.jpg', '389_535.jpg', '416_264.jpg', '456_123.jpg', '524_316.jpg'];
  for (const n of names) await copyFile(join(demo, 'images', n), join(root, 'images', n));
  // The marked rows copy a photo that no innocent row holds: the last one stays out of the innocent rows.
  const innocent = names.slice(0, 6).map((n, i) => ({ n, v: photos[i] }));
  const base = photos[6];
  const rand = gaussian(7);
  const near = (s: number) => base.map((x) => x + s * rand());
  const marked = ROLES.map((role, i) => ({ role, m: markersOf(role), v: near(i === 0 ? 0.002 : 0.004) }));
  for (const { m } of marked) await copyFile(join(demo, 'images', names[6]), join(root, 'images', m.image));
  const rows = [
    ...innocent.map(({ n }, i) => ({
      url: `https://photos.example.org/${n}`, caption: `an innocent photo number ${i}`, key: `innocent${i}`, hash: `h${i}`, license: 'cc-by',
      language: 'en', nsfw: 'UNLIKELY', originalUrl: `https://mirror.example.org/${n}`, note: 'nothing to see', image: `images/${n}`,
    })),
    ...marked.map(({ m }) => ({ ...m, image: `images/${m.image}` })),
  ];
  const col = (name: string, data: (string | number)[], type: 'STRING' | 'INT32') => ({ name, data, type });
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      col('url', rows.map((r) => r.url), 'STRING'),
      col('caption', rows.map((r) => r.caption), 'STRING'),
      col('key', rows.map((r) => r.key), 'STRING'),
      col('hash', rows.map((r) => r.hash), 'STRING'),
      col('LICENSE', rows.map((r) => r.license), 'STRING'),
      col('LANGUAGE', rows.map((r) => r.language), 'STRING'),
      col('NSFW', rows.map((r) => r.nsfw), 'STRING'),
      col('image_path', rows.map((r) => r.image), 'STRING'),
      col('original_url', rows.map((r) => r.originalUrl), 'STRING'),
      col('curator_note', rows.map((r) => r.note), 'STRING'),
      col('width', rows.map(() => 64), 'INT32'),
      col('height', rows.map(() => 64), 'INT32'),
    ],
  });
  const vectors = [...innocent.map((r) => r.v), ...marked.map((r) => r.v)];
  const data = new Float32Array(vectors.length * 512);
  vectors.forEach((v, i) => data.set(v, i * 512));
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [vectors.length, 512], data });
}

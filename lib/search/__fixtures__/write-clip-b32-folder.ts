// Test support: the shared real CLIP ViT-B/32 image embeddings as a clip-retrieval embedding folder.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { readNpy } from '../../ingest/read-npy';
import { SHARED_DATA } from '../../../test/shared-data';

export interface ClipB32Sample {
  files: string[];
  /** The stored float16 vectors, as float32, in file order. */
  vectors: Float32Array[];
}

/** metadata/metadata_0.parquet (one row per image, caption = file name) + img_emb/img_emb_0.npy, rows in images.json order. */
export async function writeClipB32Folder(root: string): Promise<ClipB32Sample> {
  const dir = join(SHARED_DATA, 'clip-vit-b32');
  const images = JSON.parse(await readFile(join(dir, 'images.json'), 'utf8')) as { file: string; width: number; height: number }[];
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'url', data: images.map((i) => `https://clip-retrieval.example.org/test_images/${i.file}`), type: 'STRING' },
      { name: 'caption', data: images.map((i) => `test image ${i.file}`), type: 'STRING' },
      { name: 'width', data: images.map((i) => i.width), type: 'INT32' },
      { name: 'height', data: images.map((i) => i.height), type: 'INT32' },
    ],
  });
  await copyFile(join(dir, 'img_emb.npy'), join(root, 'img_emb', 'img_emb_0.npy'));
  const npy = await readNpy(join(dir, 'img_emb.npy'), 'img_emb.npy');
  const vectors = await npy.readRows(0, npy.rows);
  return { files: images.map((i) => i.file), vectors };
}

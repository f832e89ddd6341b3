// A shard's identity by content, not by path: a moved folder resumes, and two different files
// that share a relative name (metadata_0.parquet of two downloads) stay apart.
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

// Head and tail cover the parquet footer and magic, the npy header and a tar's index entries,
// without reading multi-gigabyte shards whole.
const EDGE_BYTES = 1 << 20;

async function hashFile(hash: ReturnType<typeof createHash>, path: string, size: number): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, EDGE_BYTES));
    await fh.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > EDGE_BYTES) {
      const tail = Buffer.alloc(Math.min(size - EDGE_BYTES, EDGE_BYTES));
      await fh.read(tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally {
    await fh.close();
  }
}

/** Hex fingerprint of a file (size, head, tail) or a folder (names and sizes of its files). */
export async function fingerprintShard(path: string, companions: string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const p of [path, ...companions]) {
    const info = await stat(p);
    if (info.isDirectory()) {
      const names = (await readdir(p)).sort();
      for (const name of names) hash.update(`${name}\0${(await stat(join(p, name))).size}\0`);
    } else {
      hash.update(`${info.size}\0`);
      await hashFile(hash, p, info.size);
    }
  }
  return hash.digest('hex').slice(0, 24);
}

// Test support: writes a tar with tar-stream's packer, an implementation independent of our scanner.
import { writeFile } from 'node:fs/promises';
import { pack } from 'tar-stream';

export async function packTar(path: string, entries: { name: string; data: Buffer | string }[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    p.on('data', (c) => chunks.push(c as Buffer));
    p.on('end', resolve);
    p.on('error', reject);
  });
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => p.entry({ name: e.name, mtime: new Date(0) }, e.data, (err) => (err ? reject(err) : resolve())));
  }
  p.finalize();
  await done;
  const tar = Buffer.concat(chunks);
  await writeFile(path, tar);
  return tar;
}

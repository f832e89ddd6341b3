// One img2dataset `webdataset` shard (00000.tar of image + .txt + .json members) as a Shard, extracting images to mediaDir.
import { mkdir, open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { badInput } from '../errors/bad-input';
import { groupSamples } from './group-samples';
import { openSampleShard } from './open-sample-shard';
import { scanTar, type TarMember } from './scan-tar';
import type { Shard } from './types';

/**
 * Indexes `root/tarFile` from its headers (so the row count is known up front) and yields
 * samples in key order. Each image is written to `${mediaDir}/<tar path without .tar>/<key>.<ext>`
 * just before its row is yielded: same tar, same bytes, same path on every run.
 */
export async function readTarShard(root: string, tarFile: string, mediaDir: string): Promise<Shard> {
  const abs = resolve(root, tarFile);
  const members = new Map<string, TarMember>();
  for (const m of await scanTar(abs, tarFile)) members.set(m.name, m); // a re-appended member replaces the earlier one, as in tar
  const shardMedia = resolve(mediaDir, tarFile.replace(/\.tar$/i, ''));

  // One handle per pass over the shard (opened on first read, closed by openSampleShard), not one per member.
  let handle: Promise<FileHandle> | null = null;
  const madeDirs = new Set<string>();

  async function readMember(name: string): Promise<Buffer> {
    const m = members.get(name)!;
    const buf = Buffer.alloc(m.size);
    handle ??= open(abs, 'r');
    const { bytesRead } = await (await handle).read(buf, 0, m.size, m.offset);
    if (bytesRead < m.size) throw badInput(tarFile, `truncated tar: ${name} ends early (was the file modified?)`);
    return buf;
  }

  async function close(): Promise<void> {
    const h = handle;
    handle = null;
    madeDirs.clear(); // the next pass re-checks, in case mediaDir was cleaned in between
    if (h) await (await h).close();
  }

  async function placeImage(sample: { key: string; image: string | null; imageExt: string | null }, row: number): Promise<string> {
    const target = resolve(shardMedia, `${sample.key}.${sample.imageExt}`);
    // Member names come from the tar: never let "../" or an absolute path write outside mediaDir.
    if (!target.startsWith(shardMedia + sep)) throw badInput(tarFile, `member ${sample.image} would extract outside the media folder`, row);
    const bytes = await readMember(sample.image!);
    if (!madeDirs.has(dirname(target))) {
      await mkdir(dirname(target), { recursive: true });
      madeDirs.add(dirname(target));
    }
    // Write-then-rename so a killed run never leaves a half-written image the app would serve.
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    return target;
  }

  return openSampleShard({ file: tarFile, root: resolve(root), samples: groupSamples(members.keys()), readMember, placeImage, close });
}

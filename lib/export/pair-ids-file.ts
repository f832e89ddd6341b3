// pair-ids.bin: the ids of the exported pairs, little-endian uint64 in export order. A later release's diff reads it.
import fs from 'node:fs';

export const PAIR_IDS_FILE = 'pair-ids.bin';

export function openPairIdsFile(file: string): { write(ids: number[]): Promise<void>; close(): Promise<void> } {
  const out = fs.createWriteStream(file);
  const drained = () => new Promise<void>((resolve) => out.once('drain', resolve));
  return {
    async write(ids) {
      const buf = Buffer.alloc(ids.length * 8);
      ids.forEach((id, i) => buf.writeBigUInt64LE(BigInt(id), i * 8));
      if (!out.write(buf)) await drained();
    },
    close: () => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

export async function readPairIds(file: string): Promise<number[]> {
  const buf = await fs.promises.readFile(file);
  const ids: number[] = [];
  for (let i = 0; i + 8 <= buf.length; i += 8) ids.push(Number(buf.readBigUInt64LE(i)));
  return ids;
}

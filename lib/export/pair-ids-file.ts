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

/** The ids in batches of `size`, read as a stream: an export of millions never sits in memory whole. */
export async function* streamPairIds(file: string, size: number): AsyncGenerator<number[]> {
  let batch: number[] = [];
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const whole = buf.length - (buf.length % 8);
    for (let i = 0; i < whole; i += 8) {
      // Two 32-bit halves: exact below 2^53 (every pair id), and far faster than a BigInt per id.
      batch.push(buf.readUInt32LE(i) + buf.readUInt32LE(i + 4) * 2 ** 32);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    carry = buf.subarray(whole);
  }
  if (batch.length) yield batch;
}

/** Which of `wanted` the file holds, in file order: one pass, nothing kept but the hits. */
export async function findPairIdsIn(file: string, wanted: Set<number>): Promise<number[]> {
  const hits: number[] = [];
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const whole = buf.length - (buf.length % 8);
    for (let i = 0; i < whole; i += 8) {
      const id = buf.readUInt32LE(i) + buf.readUInt32LE(i + 4) * 2 ** 32;
      if (wanted.has(id)) hits.push(id);
    }
    carry = buf.subarray(whole);
  }
  return hits;
}

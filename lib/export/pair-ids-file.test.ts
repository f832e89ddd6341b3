import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { findPairIdsIn, openPairIdsFile, readPairIds, streamPairIds } from './pair-ids-file';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const IDS = [1, 7, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 52 + 3, 9_007_199_254_740_991];
let file: string;

beforeAll(async () => {
  tmp = await makeTempDir('pair-ids');
  file = join(tmp.dir, 'pair-ids.bin');
  const w = openPairIdsFile(file);
  await w.write(IDS.slice(0, 3));
  await w.write(IDS.slice(3));
  await w.close();
});
afterAll(() => tmp?.cleanup());

describe('pair-ids.bin', () => {
  it('streams back every id exactly (past 2^32 too), in batches of the asked size', async () => {
    const batches: number[][] = [];
    for await (const b of streamPairIds(file, 3)) batches.push(b);
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual(IDS);
    expect(await readPairIds(file)).toEqual(IDS);
  });

  it('finds which of a set of ids it holds, in file order', async () => {
    expect(await findPairIdsIn(file, new Set([2 ** 52 + 3, 3, 2 ** 32]))).toEqual([2 ** 32, 2 ** 52 + 3]);
    expect(await findPairIdsIn(file, new Set([2]))).toEqual([]);
  });
});

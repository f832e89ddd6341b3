import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeTempDir } from './__fixtures__/make-temp-dir';
import { packTar } from './__fixtures__/pack-tar';
import { scanTar } from './scan-tar';
import { SHARED_DATA } from '../../test/shared-data';

const PHOTOS = `${SHARED_DATA}/photos`;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('tar');
});
afterAll(() => tmp.cleanup());

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A GNU-format header block, built by hand because tar-stream never writes GNU long names. */
function gnuHeader(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 99), 0, 'utf8');
  h.write('0000644\0', 100);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write(type, 156);
  h.write('ustar  \0', 257, 'latin1');
  h.fill(0x20, 148, 156);
  const sum = h.reduce((s, b) => s + b, 0);
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}
const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

describe('scanTar', () => {
  it('indexes members so that slices give back the exact bytes', async () => {
    const png = await readFile(join(PHOTOS, 'horse.png'));
    const longDir = `${'d'.repeat(80)}/${'e'.repeat(40)}`; // > 100 chars: ustar prefix field
    const entries = [
      { name: '000000001.png', data: png },
      { name: '000000001.txt', data: 'a black-and-white silhouette of a horse' },
      { name: `${longDir}/000000002.json`, data: '{"k":1}' },
      { name: 'légende/000000003.txt', data: 'non-ASCII name: pax header' },
      { name: 'empty.txt', data: '' },
    ];
    const tar = await packTar(join(tmp.dir, 'ok.tar'), entries);
    const members = await scanTar(join(tmp.dir, 'ok.tar'), 'ok.tar');
    expect(members.map((m) => m.name)).toEqual(entries.map((e) => e.name));
    members.forEach((m, i) => expect(tar.subarray(m.offset, m.offset + m.size).equals(Buffer.from(entries[i].data))).toBe(true));
  });

  it('reads GNU long-name headers', async () => {
    const long = `${'x'.repeat(150)}/000000009.txt`;
    const body = Buffer.from('caption');
    const nameData = Buffer.from(`${long}\0`);
    const tar = Buffer.concat([
      gnuHeader('././@LongLink', nameData.length, 'L'), pad(nameData),
      gnuHeader(long, body.length, '0'), pad(body),
      Buffer.alloc(1024),
    ]);
    await writeFile(join(tmp.dir, 'gnu.tar'), tar);
    const [m] = await scanTar(join(tmp.dir, 'gnu.tar'), 'gnu.tar');
    expect(m.name).toBe(long);
    expect(tar.subarray(m.offset, m.offset + m.size).toString()).toBe('caption');
  });

  it('rejects a file that is not a tar', async () => {
    const err = await errorOf(scanTar(join(PHOTOS, 'rocket.jpg'), 'rocket.jpg'));
    expect(err.message).toBe('rocket.jpg: not a tar file (bad header checksum)');
  });

  it('rejects a tar cut inside a member and one cut before its end marker', async () => {
    const tar = await packTar(join(tmp.dir, 'full.tar'), [{ name: 'a.png', data: await readFile(join(PHOTOS, 'page.png')) }]);
    await writeFile(join(tmp.dir, 'cut.tar'), tar.subarray(0, 20_000));
    expect((await errorOf(scanTar(join(tmp.dir, 'cut.tar'), 'cut.tar'))).message).toMatch(/^cut\.tar: truncated tar: member at byte 0 needs 47679 bytes but the file ends at 20000/);
    const end = 512 + Math.ceil(47679 / 512) * 512;
    await writeFile(join(tmp.dir, 'noend.tar'), tar.subarray(0, end));
    expect((await errorOf(scanTar(join(tmp.dir, 'noend.tar'), 'noend.tar'))).message).toMatch(/end-of-archive marker/);
  });

  it('rejects a damaged header with its byte offset', async () => {
    const tar = await packTar(join(tmp.dir, 'two.tar'), [{ name: 'a.txt', data: 'x' }, { name: 'b.txt', data: 'y' }]);
    tar[1024 + 3] ^= 0xff; // second header's name
    await writeFile(join(tmp.dir, 'bad.tar'), tar);
    expect((await errorOf(scanTar(join(tmp.dir, 'bad.tar'), 'bad.tar'))).message).toBe('bad.tar: corrupt tar: bad header checksum at byte 1024');
  });
});

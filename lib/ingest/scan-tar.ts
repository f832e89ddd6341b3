// Lists a tar's regular-file members with their data offsets by reading headers only (ustar, GNU long names, pax).
import { open } from 'node:fs/promises';
import { badInput } from '../errors/bad-input';

export interface TarMember {
  name: string;
  /** Byte offset of the member's data in the tar. */
  offset: number;
  size: number;
}

const BLOCK = 512;
// Headers are read through this window, so runs of small .txt/.json members cost one read.
const WINDOW = 1 << 20;

/**
 * Shard.rows must be known before reading and img2dataset writes members in download
 * order, not key order, so readers need an index to seek by; a stream parser would have to
 * read every image byte just to count. Throws a bad_request naming `file` on a bad
 * checksum, a member running past the end of the file, or a missing end-of-archive marker.
 */
export async function scanTar(absPath: string, file: string): Promise<TarMember[]> {
  const fh = await open(absPath, 'r').catch((e: NodeJS.ErrnoException) => {
    throw badInput(file, `cannot read tar file (${e.code ?? e.message})`);
  });
  try {
    const fileSize = (await fh.stat()).size;
    let window = Buffer.alloc(0);
    let windowStart = 0;
    const read = async (pos: number, len: number): Promise<Buffer> => {
      if (pos < windowStart || pos + len > windowStart + window.length) {
        const buf = Buffer.alloc(Math.max(len, WINDOW));
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        window = buf.subarray(0, bytesRead);
        windowStart = pos;
      }
      return window.subarray(pos - windowStart, pos - windowStart + len);
    };

    const members: TarMember[] = [];
    let pending: { path?: string; size?: number } = {}; // from a GNU 'L' or pax 'x' header, for the next member
    for (let pos = 0; ; ) {
      if (pos + BLOCK > fileSize) throw badInput(file, 'truncated tar: it ends without the end-of-archive marker');
      const header = await read(pos, BLOCK);
      if (header.every((b) => b === 0)) break;
      if (!checksumOk(header)) {
        throw badInput(file, pos === 0 ? 'not a tar file (bad header checksum)' : `corrupt tar: bad header checksum at byte ${pos}`);
      }
      const type = String.fromCharCode(header[156] || 0x30);
      const extension = type === 'L' || type === 'x' || type === 'g';
      const size = extension ? parseSize(header) : (pending.size ?? parseSize(header));
      if (!Number.isSafeInteger(size) || size < 0) throw badInput(file, `corrupt tar: bad member size at byte ${pos}`);
      const offset = pos + BLOCK;
      if (offset + size > fileSize) {
        throw badInput(file, `truncated tar: member at byte ${pos} needs ${size} bytes but the file ends at ${fileSize}`);
      }
      if (type === 'L') {
        pending = { ...pending, path: cString(await read(offset, size), 0, size) };
      } else if (type === 'x') {
        pending = { ...pending, ...parsePax(await read(offset, size)) };
      } else if (!extension) {
        if (type === '0' || type === '7') members.push({ name: pending.path ?? headerName(header), offset, size });
        pending = {};
      }
      pos = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
    return members;
  } finally {
    await fh.close();
  }
}

function checksumOk(header: Buffer): boolean {
  const stored = parseOctal(header, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : header[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b; // some historic tars summed signed bytes
  }
  return stored === unsigned || stored === signed;
}

function headerName(header: Buffer): string {
  const name = cString(header, 0, 100);
  // POSIX ustar ("ustar\0") splits long paths into prefix + name; GNU ("ustar  ") uses that space for other fields.
  const posix = header.toString('latin1', 257, 263) === 'ustar\0';
  const prefix = posix ? cString(header, 345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function parseSize(header: Buffer): number {
  if (header[124] & 0x80) {
    // GNU base-256 for members over 8 GiB: big-endian after the marker bit.
    let n = header[124] & 0x7f;
    for (let i = 125; i < 136; i++) n = n * 256 + header[i];
    return n;
  }
  return parseOctal(header, 124, 12);
}

function parseOctal(buf: Buffer, start: number, len: number): number {
  const text = buf.toString('latin1', start, start + len).replace(/[\0 ]+$/, '').replace(/^[\0 ]+/, '');
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : NaN;
}

function cString(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

/** Pax records are "<byte length> <key>=<value>\n"; only path and size matter for an index. */
function parsePax(buf: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  for (let i = 0; i < buf.length; ) {
    const space = buf.indexOf(0x20, i);
    const len = space === -1 ? NaN : Number(buf.toString('latin1', i, space));
    if (!Number.isSafeInteger(len) || len <= 0) break;
    const record = buf.toString('utf8', space + 1, i + len - 1); // drops the trailing newline
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') out.path = record.slice(eq + 1);
    if (record.slice(0, eq) === 'size') out.size = Number(record.slice(eq + 1));
    i += len;
  }
  return out;
}

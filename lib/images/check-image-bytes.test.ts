import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data';
import { AppError } from '../errors/app-error';
import { checkImageBytes } from './check-image-bytes';
import { sniffImageType } from './sniff-image-type';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const opts = { maxBytes: 1024, what: 'the uploaded file' };

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('checkImageBytes', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['image/png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR')],
    ['image/gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
  ])('accepts %s by its signature', (type, b) => {
    expect(checkImageBytes(b, opts)).toBe(type);
  });

  it('accepts a real PNG file from disk', () => {
    const png = fs.readFileSync(path.join(SHARED_DATA, 'photos', 'horse.png'));
    expect(checkImageBytes(png, { maxBytes: 1 << 20, what: 'horse.png' })).toBe('image/png');
  });

  it.each([
    ['a text file', bytes('hello, this is plain text\n')],
    ['an SVG', bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['an empty file', bytes()],
    ['a truncated PNG signature', bytes([0x89], 'PNG')],
    ['a RIFF that is not WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
  ])('refuses %s as unsupported_media_type', (_, b) => {
    const err = thrown(() => checkImageBytes(b, opts));
    expect(err.code).toBe('unsupported_media_type');
    expect(err.message).toBe('the uploaded file is not a JPEG, PNG, WebP or GIF image');
  });

  it('refuses bytes over the limit before sniffing them, naming the limit in MB', () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const err = thrown(() => checkImageBytes(big, { maxBytes: 10 * 1024 * 1024, what: 'the uploaded file' }));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toBe('the uploaded file is larger than 10 MB');
    expect(checkImageBytes(big.subarray(0, 10 * 1024 * 1024), { maxBytes: 10 * 1024 * 1024, what: 'x' })).toBe('image/jpeg');
  });

  it('sniffs a Buffer the same as a Uint8Array', () => {
    expect(sniffImageType(Buffer.from('GIF87a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('GIF7'))).toBeNull();
  });
});

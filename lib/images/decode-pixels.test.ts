import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { pngDeclaring } from './__fixtures__/png-declaring';
import { decodePixels, MAX_INPUT_PIXELS, SHRINK_ABOVE } from './decode-pixels';

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 40, b: 90, alpha: 1 } } }).png().toBuffer();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('decodePixels', () => {
  it('refuses a small file declaring 16,000 × 16,000 pixels from its header, before decoding', async () => {
    const bomb = pngDeclaring(16_000, 16_000);
    expect(bomb.length).toBeLessThan(1_000);
    const err = await refusal(decodePixels(bomb, { what: 'the uploaded file', details: { index: 0 } }));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toBe('the uploaded file declares 16,000 × 16,000 pixels; at most 100 megapixels are decoded');
    expect(err.details).toMatchObject({ index: 0, width: 16_000, height: 16_000, maxPixels: MAX_INPUT_PIXELS });
  });

  it('decodes an image of ordinary size unchanged, pixel for pixel', async () => {
    const png = await solid(640, 480);
    const p = await decodePixels(png);
    expect([p.width, p.height, p.channels]).toEqual([640, 480, 3]);
    expect(Array.from(p.data.subarray(0, 3))).toEqual([200, 40, 90]);
    const same = await sharp(png).rotate().raw().toBuffer();
    expect(Buffer.compare(Buffer.from(p.data), same)).toBe(0);
  });

  it('shrinks a large photo to a shortest side of 1,024 while it decodes, keeping its shape', async () => {
    const p = await decodePixels(await solid(3_000, 2_000));
    expect([p.width, p.height]).toEqual([1_536, SHRINK_ABOVE]);
    expect(p.data.length).toBe(1_536 * SHRINK_ABOVE * 3);
  });

  it('says what could not be decoded', async () => {
    const err = await refusal(decodePixels(Buffer.from('not an image at all'), { what: 'image 3', details: { index: 3 } }));
    expect(err.code).toBe('unsupported_media_type');
    expect(err.message).toBe('image 3 could not be decoded');
    expect(err.details).toMatchObject({ index: 3 });
  });
});

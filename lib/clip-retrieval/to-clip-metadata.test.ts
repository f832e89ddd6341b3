import { describe, expect, it } from 'vitest';
import { LAION_FIELDS } from '../pairs/laion-fields';
import type { PairRow } from '../pairs/sql';
import { toClipMetadata } from './to-clip-metadata';

// clip-retrieval's names are the database columns, except LAION's own NSFW tag; its answer's similarity is the query's,
// and a local file goes as the inlined image, never as a path.
const CLIP_NAME: Record<string, string> = { nsfw: 'NSFW' };
const LEFT_OUT = ['similarity', 'image_path'];

describe('toClipMetadata', () => {
  it('carries every LAION field clip-retrieval reads, under its name', () => {
    const row: Record<string, unknown> = { id: 1, dataset_id: 2, domain: 'example.com', hidden: false, flagged: false };
    LAION_FIELDS.forEach((f, i) => (row[f.column] = f.kind === 'text' ? `${f.key}-value` : i + 1));
    const out = toClipMetadata(row as unknown as PairRow, 'webp') as Record<string, unknown>;
    const expected: Record<string, unknown> = {};
    LAION_FIELDS.forEach((f, i) => {
      if (!LEFT_OUT.includes(f.column)) expected[CLIP_NAME[f.column] ?? f.column] = f.kind === 'text' ? `${f.key}-value` : i + 1;
    });
    expect(out).toEqual({ ...expected, image: 'webp' });
  });
});

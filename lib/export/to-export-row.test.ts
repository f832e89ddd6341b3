import { describe, expect, expectTypeOf, it } from 'vitest';
import { EXPORTED_FIELDS, type ExportedField } from '../pairs/laion-fields';
import type { ExportPairRow } from './sql';
import { toExportRow } from './to-export-row';
import type { ExportRow } from './writers/types';

describe('toExportRow', () => {
  it('carries each exported LAION column to its field, with the id, extras and flags', () => {
    const row: Record<string, unknown> = { id: 9, dataset_id: 1, domain: 'example.com', hidden: false, flagged: true, ord: 1, extra: { exif: 'x' }, img_emb: null, txt_emb: null, sieve_flags: 'nsfw:open' };
    EXPORTED_FIELDS.forEach((f, i) => (row[f.column] = f.kind === 'text' ? `${f.key}-value` : i + 1));
    row.image_path = '/data/a.jpg';
    const out = toExportRow(row as unknown as ExportPairRow) as unknown as Record<string, unknown>;
    EXPORTED_FIELDS.forEach((f, i) => expect(out[f.key], f.key).toBe(f.kind === 'text' ? `${f.key}-value` : i + 1));
    expect(out).toMatchObject({ id: 9, extra: { exif: 'x', sieve_flags: 'nsfw:open' }, imgEmb: null, txtEmb: null });
    expect(Object.keys(out).sort()).toEqual(['extra', 'id', 'imgEmb', 'txtEmb', ...EXPORTED_FIELDS.map((f) => f.key)].sort());
  });

  it('types ExportRow fields by their kind', () => {
    type KindType = { text: string | null; integer: number | null; number: number | null };
    type FromRegistry = { [F in ExportedField as F['key']]: KindType[F['kind']] };
    expectTypeOf<Pick<ExportRow, ExportedField['key']>>().toEqualTypeOf<FromRegistry>();
  });
});

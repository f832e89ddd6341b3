// A database row as the writers take it (read through shown_pairs: no hidden pair ever reaches here).
import { parseVectorText } from '../db/pgvector';
import { EXPORTED_FIELDS } from '../pairs/laion-fields';
import type { ExportPairRow } from './sql';
import type { ExportRow } from './writers/types';

export function toExportRow(r: ExportPairRow): ExportRow {
  const extra = r.sieve_flags === null ? r.extra : { ...(r.extra ?? {}), sieve_flags: r.sieve_flags };
  const row = { id: r.id } as ExportRow;
  // Each exported LAION field from its column (lib/pairs/laion-fields).
  const cells = row as unknown as Record<string, unknown>;
  const columns = r as unknown as Record<string, unknown>;
  for (const f of EXPORTED_FIELDS) cells[f.key] = columns[f.column];
  row.extra = extra;
  row.imgEmb = parseVectorText(r.img_emb);
  row.txtEmb = parseVectorText(r.txt_emb);
  return row;
}

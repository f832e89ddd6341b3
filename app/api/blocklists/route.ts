import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { findBlockLists } from '@/lib/takedowns/find-block-lists';
import { importUploadedBlockList } from '@/lib/takedowns/import-uploaded-block-list';
import { ImportBlockListInput } from '@/lib/takedowns/schemas';

export const GET = apiRoute({ auth: 'curator' }, async () => ({ blockLists: await findBlockLists() }));

// multipart: `request` (ImportBlockListInput) and `file` (text, CSV or Parquet, at most 50 MB). Who may replace which
// list is the lib's rule (check-block-list-power.ts).
export const POST = apiRoute({ auth: 'curator', rateLimit: 'upload', body: ImportBlockListInput, multipart: { json: 'request', files: { file: 50 * 1024 * 1024 } } }, ({ actor, body, files }) =>
  importUploadedBlockList(getDb(), actor, body, files.file),
);

import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { FlagReason } from '@/lib/flags/schemas';
import { findBlockLists } from '@/lib/takedowns/find-block-lists';
import { importUploadedBlockList } from '@/lib/takedowns/import-uploaded-block-list';

export const GET = apiRoute({ auth: 'curator' }, async () => ({ blockLists: await findBlockLists() }));

const ImportInput = z.object({ name: z.string().min(1).max(100), reason: FlagReason.optional(), fileName: z.string().max(200).default('list.txt'), keepGoing: z.boolean().optional() });
// multipart: `request` (the JSON above) and `file` (text, CSV or Parquet, at most 50 MB).
export const POST = apiRoute({ auth: 'curator', rateLimit: 'upload', body: ImportInput, multipart: { json: 'request', files: { file: 50 * 1024 * 1024 } } }, ({ actor, body, files }) =>
  importUploadedBlockList(getDb(), actor, body, files.file),
);

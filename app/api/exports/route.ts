import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { createExport } from '@/lib/export/create-export';
import { findExports } from '@/lib/export/find-exports';
import { ExportRequest } from '@/lib/export/schemas';

export const GET = apiRoute({ auth: 'curator' }, async () => ({ exports: await findExports() }));

// Queues the export as a background job; the answer is the export, to follow on /exports.
export const POST = apiRoute({ auth: 'curator', body: ExportRequest }, async ({ actor, body }) => ({ export: await createExport(getDb(), actor, body) }));

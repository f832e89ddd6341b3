import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { diffExportDownload } from '@/lib/export/diff-export-download';
import { DiffQuery } from '@/lib/export/schemas';

// The removal list between two finished exports: what `from` held and `to` doesn't. A POST: it writes the list's
// files and an audit event. JSON, or the /exports page's form (its `request` field), whose answer the browser saves.
export const POST = apiRoute({ auth: 'curator', body: DiffQuery, multipart: { json: 'request', files: {} } }, async ({ actor, body }) => {
  const d = await diffExportDownload(getDb(), actor, body);
  return new Response(d.body, { headers: { 'content-type': d.type, 'content-disposition': `attachment; filename="${d.filename}"`, 'cache-control': 'no-store' } });
});

import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { diffExportDownload } from '@/lib/export/diff-export-download';
import { DiffQuery } from '@/lib/export/schemas';

// The removal list between two finished exports: what `from` held and `to` doesn't.
export const GET = apiRoute({ auth: 'curator', query: DiffQuery }, async ({ actor, query }) => {
  const d = await diffExportDownload(getDb(), actor, query);
  return new Response(d.body, { headers: { 'content-type': d.type, 'content-disposition': `attachment; filename="${d.filename}"`, 'cache-control': 'no-store' } });
});

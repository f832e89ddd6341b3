import { apiRoute } from '@/lib/api/api-route';
import { getExportDownload } from '@/lib/export/get-export-download';
import { ExportIdParams } from '@/lib/export/schemas';

export const GET = apiRoute({ auth: 'curator', params: ExportIdParams }, async ({ params }) => {
  const d = await getExportDownload(params.id);
  return new Response(d.body, {
    headers: {
      'content-type': d.type,
      'content-disposition': `attachment; filename="${d.filename}"`,
      'cache-control': 'no-store',
      ...(d.bytes === undefined ? {} : { 'content-length': String(d.bytes) }),
    },
  });
});

import { apiRoute } from '@/lib/api/api-route';
import { getExport } from '@/lib/export/get-export';
import { ExportIdParams } from '@/lib/export/schemas';

export const GET = apiRoute({ auth: 'curator', params: ExportIdParams }, async ({ params }) => ({ export: await getExport(params.id) }));

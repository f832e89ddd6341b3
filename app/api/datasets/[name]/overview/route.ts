// GET /api/datasets/:name/overview: counts, ingest history, histograms, top values, flags and exact duplicates.
import { apiRoute } from '@/lib/api/api-route';
import { getDatasetOverview } from '@/lib/overview/overview';
import { DatasetNameParams } from '@/lib/overview/overview-schemas';

export const GET = apiRoute({ auth: 'viewer', rateLimit: 'scan', params: DatasetNameParams }, ({ params }) => getDatasetOverview(params.name));

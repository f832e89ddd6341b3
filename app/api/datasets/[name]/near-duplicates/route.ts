// GET /api/datasets/:name/near-duplicates: look-alike image groups, over every pair of a small dataset or a sample.
import { apiRoute } from '@/lib/api/api-route';
import { DatasetNameParams } from '@/lib/overview/overview-schemas';
import { sampleNearDuplicates } from '@/lib/overview/sample-near-duplicates';

export const GET = apiRoute({ auth: 'viewer', rateLimit: 'scan', params: DatasetNameParams }, ({ params }) => sampleNearDuplicates(params.name));

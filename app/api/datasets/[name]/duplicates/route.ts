// GET /api/datasets/:name/duplicates: URLs and LAION hashes shared by more than one pair, with the largest groups.
import { apiRoute } from '@/lib/api/api-route';
import { countExactDuplicates } from '@/lib/overview/count-exact-duplicates';
import { DatasetNameParams } from '@/lib/overview/overview-schemas';

export const GET = apiRoute({ auth: 'viewer', rateLimit: 'scan', params: DatasetNameParams }, ({ params }) => countExactDuplicates(params.name));

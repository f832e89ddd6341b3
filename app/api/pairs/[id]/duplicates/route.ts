// GET /api/pairs/:id/duplicates: the pair's duplicate group in its dataset (same URL, same hash, near-same image).
import { apiRoute } from '@/lib/api/api-route';
import { findDuplicates } from '@/lib/similar/find-duplicates';
import { PairIdParams } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', rateLimit: 'search', params: PairIdParams }, ({ params }) => findDuplicates(params.id));

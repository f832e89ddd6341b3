// GET /api/pairs/:id/neighbours: the pair's nearest pairs by image and by caption embedding.
import { apiRoute } from '@/lib/api/api-route';
import { findNeighbours } from '@/lib/similar/find-neighbours';
import { PairIdParams } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', rateLimit: 'search', params: PairIdParams }, ({ params }) => findNeighbours(params.id));

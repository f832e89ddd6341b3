import { apiRoute } from '@/lib/api/api-route';
import { findPairs } from '@/lib/pairs/find-pairs';
import { FindPairsQuery } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', query: FindPairsQuery }, ({ query }) => findPairs(query));

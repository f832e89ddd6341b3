import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { DatasetName } from '@/lib/datasets/schemas';
import { getSearchStatus } from '@/lib/search/get-search-status';

export const GET = apiRoute({ auth: 'viewer', query: z.object({ dataset: DatasetName.optional() }) }, ({ query }) => getSearchStatus(query.dataset));

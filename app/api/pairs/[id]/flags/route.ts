import { apiRoute } from '@/lib/api/api-route';
import { findPairFlags } from '@/lib/flags/find-pair-flags';
import { PairIdParams } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', params: PairIdParams }, async ({ params }) => ({ flags: await findPairFlags(params.id) }));

import { apiRoute } from '@/lib/api/api-route';
import { findPairFlags } from '@/lib/flags/find-pair-flags';
import { showFlagTo } from '@/lib/flags/show-flag-to';
import { PairIdParams } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', params: PairIdParams }, async ({ params, actor }) => ({ flags: (await findPairFlags(params.id)).map((f) => showFlagTo(f, actor)) }));

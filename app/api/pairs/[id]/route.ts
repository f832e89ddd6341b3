import { apiRoute } from '@/lib/api/api-route';
import { getPair } from '@/lib/pairs/get-pair';
import { PairIdParams } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', params: PairIdParams }, ({ params }) => getPair(params.id));

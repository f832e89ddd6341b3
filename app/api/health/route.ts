import { apiRoute } from '@/lib/api/api-route';
import { getHealth } from '@/lib/health/get-health';

export const GET = apiRoute({ auth: 'public' }, ({ actor }) => getHealth(undefined, actor));

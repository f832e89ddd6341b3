import { apiRoute } from '@/lib/api/api-route';
import { getMe } from '@/lib/auth/get-me';

export const GET = apiRoute({ auth: 'public' }, async ({ actor }) => getMe(actor));

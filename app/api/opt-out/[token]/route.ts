import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { getOptOutStatus } from '@/lib/takedowns/get-opt-out-status';

export const GET = apiRoute({ auth: 'public', params: z.object({ token: z.string().min(10).max(100) }) }, async ({ params }) => ({ status: await getOptOutStatus(params.token) }));

import { apiRoute } from '@/lib/api/api-route';
import { getTakedown } from '@/lib/takedowns/get-takedown';
import { TakedownIdParams } from '@/lib/takedowns/schemas';

export const GET = apiRoute({ auth: 'curator', params: TakedownIdParams }, async ({ params }) => ({ takedown: await getTakedown(params.id) }));

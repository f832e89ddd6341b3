import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { applyTakedown } from '@/lib/takedowns/apply-takedown';
import { TakedownIdParams } from '@/lib/takedowns/schemas';

export const POST = apiRoute({ auth: 'curator', params: TakedownIdParams }, ({ actor, params }) => applyTakedown(getDb(), actor, params.id));

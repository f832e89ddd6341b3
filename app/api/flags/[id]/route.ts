import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { FlagIdParams } from '@/lib/flags/schemas';
import { withdrawFlag } from '@/lib/flags/withdraw-flag';

export const DELETE = apiRoute({ auth: 'curator', params: FlagIdParams }, ({ actor, params }) => withdrawFlag(getDb(), actor, params.id));

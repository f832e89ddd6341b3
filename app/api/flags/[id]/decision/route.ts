import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { decideFlag } from '@/lib/flags/decide-flag';
import { DecideInput, FlagIdParams } from '@/lib/flags/schemas';

// 409 with the decision that stands when another reviewer decided first.
export const POST = apiRoute({ auth: 'reviewer', params: FlagIdParams, body: DecideInput }, async ({ actor, params, body }) => ({
  flag: await decideFlag(getDb(), actor, params.id, body),
}));

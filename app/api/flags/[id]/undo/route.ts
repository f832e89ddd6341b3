import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { FlagIdParams } from '@/lib/flags/schemas';
import { undoDecision } from '@/lib/flags/undo-decision';

export const POST = apiRoute({ auth: 'reviewer', params: FlagIdParams }, async ({ actor, params }) => ({ flag: await undoDecision(getDb(), actor, params.id) }));

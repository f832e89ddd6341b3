import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { changeMatches } from '@/lib/takedowns/change-matches';
import { MatchChangeInput, TakedownIdParams } from '@/lib/takedowns/schemas';

// Drop (or take back) a false match, or move an image item's threshold.
export const PATCH = apiRoute({ auth: 'curator', params: TakedownIdParams, body: MatchChangeInput }, ({ actor, params, body }) => changeMatches(getDb(), actor, params.id, body));

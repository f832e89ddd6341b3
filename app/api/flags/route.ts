import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { flagPairs } from '@/lib/flags/flag-pairs';
import { FlagPairsInput } from '@/lib/flags/schemas';

// Over 1,000 pairs, the answer names the background job that flags them.
export const POST = apiRoute({ auth: 'curator', body: FlagPairsInput }, ({ actor, body }) => flagPairs(getDb(), actor, body));

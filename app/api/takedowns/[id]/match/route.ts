import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { getTakedown } from '@/lib/takedowns/get-takedown';
import { matchTakedown } from '@/lib/takedowns/match-takedown';
import { TakedownIdParams } from '@/lib/takedowns/schemas';

// Finds the matches for the preview; changes no flag.
export const POST = apiRoute({ auth: 'curator', params: TakedownIdParams }, async ({ actor, params }) => {
  await matchTakedown(getDb(), actor, params.id);
  return { takedown: await getTakedown(params.id) };
});

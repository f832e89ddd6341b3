import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { closeTakedown } from '@/lib/takedowns/close-takedown';
import { CloseTakedownInput, TakedownIdParams } from '@/lib/takedowns/schemas';

export const POST = apiRoute({ auth: 'curator', params: TakedownIdParams, body: CloseTakedownInput }, async ({ actor, params, body }) => {
  await closeTakedown(getDb(), actor, params.id, body);
  return { ok: true };
});

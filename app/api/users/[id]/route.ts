import { apiRoute } from '@/lib/api/api-route';
import { UpdateUserInput, UserIdParams } from '@/lib/auth/schemas';
import { updateUser } from '@/lib/auth/update-user';
import { getDb } from '@/lib/db/get-db';

export const PATCH = apiRoute({ auth: 'admin', params: UserIdParams, body: UpdateUserInput }, async ({ actor, params, body }) => ({
  user: await updateUser(getDb(), actor, { id: params.id }, body),
}));

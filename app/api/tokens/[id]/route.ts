import { apiRoute } from '@/lib/api/api-route';
import { revokeToken } from '@/lib/auth/revoke-token';
import { TokenIdParams } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/get-db';

export const DELETE = apiRoute({ auth: 'viewer', params: TokenIdParams }, async ({ actor, params }) => ({ token: await revokeToken(getDb(), actor, params.id) }));

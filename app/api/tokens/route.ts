import { apiRoute } from '@/lib/api/api-route';
import { createToken } from '@/lib/auth/create-token';
import { findTokens } from '@/lib/auth/find-tokens';
import { CreateTokenInput } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/get-db';

export const GET = apiRoute({ auth: 'viewer' }, async ({ actor }) => ({ tokens: await findTokens(actor) }));

// The answer holds the secret, once.
export const POST = apiRoute({ auth: 'viewer', body: CreateTokenInput }, ({ actor, body }) => createToken(getDb(), actor, body));

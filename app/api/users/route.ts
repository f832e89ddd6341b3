import { apiRoute } from '@/lib/api/api-route';
import { createUser } from '@/lib/auth/create-user';
import { findUsers } from '@/lib/auth/find-users';
import { CreateUserInput } from '@/lib/auth/schemas';
import { getDb } from '@/lib/db/get-db';

export const GET = apiRoute({ auth: 'admin' }, async () => ({ users: await findUsers() }));

export const POST = apiRoute({ auth: 'admin', body: CreateUserInput }, ({ actor, body }) => createUser(getDb(), actor, body));

// The demo's documented admin account (README), made once so a newcomer can sign in and curate at once.
import type { Db } from '../db/client';
import { cliActor } from './cli-actor';
import { createUser } from './create-user';
import { selectUser } from './sql';

export const DEMO_ADMIN = { email: 'admin@sieve.local', password: 'sieve-demo-admin' } as const;

export async function ensureDemoAdmin(db: Db): Promise<{ created: boolean }> {
  if (await selectUser(db, { email: DEMO_ADMIN.email })) return { created: false };
  await createUser(db, { ...cliActor(), id: 'system' }, { ...DEMO_ADMIN, name: 'Demo admin', role: 'admin' });
  return { created: true };
}

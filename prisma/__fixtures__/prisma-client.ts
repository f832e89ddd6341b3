// Test support: a Prisma client over a test database's own pool (so the embedded database still sees one connection).
// Sieve itself speaks SQL through lib/db/client.ts; prisma/schema.int.test.ts alone uses the generated client, to hold
// it to the migrated database.
import { PrismaPg } from '@prisma/adapter-pg';
import type { Db } from '../../lib/db/client';
import { PrismaClient } from '../../lib/db/generated/prisma/client';

/** The caller disconnects it; the pool stays the test database's. */
export function openPrismaClient(db: Db): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(db.pool) });
}

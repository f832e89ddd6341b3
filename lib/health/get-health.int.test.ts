// /api/health's answer names the database it runs on, whichever of the three back ends the suite runs against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { getHealth } from './get-health';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('getHealth', () => {
  it('says which kind of database answers', async () => {
    // scripts/test.sh runs the Citus pass with the plain server beside it as TEST_SINGLE_DATABASE_URL.
    const expected =
      t.kind === 'embedded' ? { role: 'embedded', label: 'embedded' }
      : process.env.TEST_SINGLE_DATABASE_URL ? { role: 'citus', label: 'Citus' }
      : { role: 'server', label: 'PostgreSQL server' };
    const health = await getHealth(t.db);
    expect(health.status).toBe('ok');
    expect(health.database).toEqual({ kind: t.kind, ...expected, pgvector: expect.stringMatching(/^0\.\d+\.\d+$/) });
  });
});

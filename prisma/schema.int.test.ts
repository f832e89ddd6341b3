import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/databases';
import { openPrismaClient } from './__fixtures__/prisma-client';
import { readSchemaColumns } from './__fixtures__/schema-columns';

describe('the migrated database matches schema.prisma', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.close());

  it('has exactly the columns, types and nullability every model declares', async () => {
    const expected = readSchemaColumns();
    const tables = [...new Set(expected.map((c) => c.table))];
    const actual = await t.db.query<{ table: string; column: string; type: string; nullable: boolean }>(
      `SELECT table_name AS table, column_name AS column, udt_name AS type, is_nullable = 'YES' AS nullable
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [tables],
    );
    const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
    const sort = <T extends { table: string; column: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(actual)).toEqual(sort(expected));
  });

  it('has every table the schema names and no model-less table besides the migrator’s own', async () => {
    const expected = new Set(readSchemaColumns().map((c) => c.table));
    const rows = await t.db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(new Set(rows.map((r) => r.tablename).filter((n) => n !== '_sieve_migrations'))).toEqual(expected);
  });

  it('serves the Prisma client over the same connection', async () => {
    const prisma = openPrismaClient(t.db);
    try {
      const ds = await prisma.dataset.create({ data: { name: 'prisma-check', model: 'm', dim: 4 } });
      expect(await prisma.dataset.findUnique({ where: { id: ds.id } })).toMatchObject({ name: 'prisma-check', dim: 4 });
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('readSchemaColumns', () => {
  it('maps Prisma types, @map, @db and Unsupported to Postgres names', () => {
    const cols = readSchemaColumns(`model Thing {\n  id Int @id\n  fooBar Float? @map("foo_bar") @db.Real\n  v Unsupported("halfvec")?\n  other Other @relation(fields: [id], references: [id])\n  @@map("things")\n}\nmodel Other {\n  id Int @id\n  things Thing[]\n}\n`);
    expect(cols).toEqual([
      { table: 'things', column: 'id', type: 'int4', nullable: false },
      { table: 'things', column: 'foo_bar', type: 'float4', nullable: true },
      { table: 'things', column: 'v', type: 'halfvec', nullable: true },
      { table: 'Other', column: 'id', type: 'int4', nullable: false },
    ]);
  });
});

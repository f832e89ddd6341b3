// Reads the columns schema.prisma promises, as Postgres names their types, so a test can hold the
// migrated database to them. Prisma's own DMMF drops Unsupported() fields (our vectors), hence this.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ExpectedColumn {
  table: string;
  column: string;
  /** Postgres udt_name, e.g. int4, text, halfvec. */
  type: string;
  nullable: boolean;
}

const SCALARS: Record<string, string> = {
  Int: 'int4', BigInt: 'int8', String: 'text', Boolean: 'bool', Json: 'jsonb', Float: 'float8', DateTime: 'timestamp', Decimal: 'numeric',
};
const NATIVE: Record<string, string> = {
  Real: 'float4', DoublePrecision: 'float8', Timestamptz: 'timestamptz', Date: 'date', Timestamp: 'timestamp', Text: 'text', Uuid: 'uuid', SmallInt: 'int2',
};

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.prisma', import.meta.url));

export function readSchemaColumns(source = fs.readFileSync(SCHEMA_PATH, 'utf8')): ExpectedColumn[] {
  const models = [...source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((m) => m[1]));
  const columns: ExpectedColumn[] = [];
  for (const [, name, body] of models) {
    const table = body.match(/@@map\("([^"]+)"\)/)?.[1] ?? name;
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      const m = line.match(/^(\w+)\s+(Unsupported\("([^"]+)"\)|\w+)(\[\])?(\?)?(.*)$/);
      if (!m || line.startsWith('@@')) continue;
      const [, field, type, unsupported, list, optional, attrs] = m;
      if (modelNames.has(type) || list) continue; // relation fields are not columns
      const native = attrs.match(/@db\.(\w+)/)?.[1];
      const pgType = unsupported ?? (native && NATIVE[native]) ?? SCALARS[type];
      if (!pgType) throw new Error(`schema.prisma: ${name}.${field}: no Postgres type known for ${type}`);
      columns.push({ table, column: attrs.match(/@map\("([^"]+)"\)/)?.[1] ?? field, type: pgType, nullable: Boolean(optional) });
    }
  }
  return columns;
}

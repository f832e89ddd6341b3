// The SQL that writes and reads pairs lists its columns by hand (the statements stay readable, and COPY's binary
// encoder has a fixed order): these checks keep each list naming exactly the registry's fields, each at its value.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { copyPairs } from './copy-pairs';
import { insertPairs, type PairRecord } from './insert-pairs';
import { LAION_FIELDS, LAION_FIELD, type LaionFieldKey } from './laion-fields';
import type { PairSummary } from './schemas';
import { detailColumns, reviewColumns, toPairSummary, visibleColumns, type PairRow } from './sql';

/** Pair columns that are not LAION fields: Sieve's own, or derived (domain), or vectors and LAION's violence signal. */
const SIEVE_COLUMNS = ['id', 'dataset_id', 'source_file', 'source_id', 'source_row', 'domain', 'extra', 'img_emb', 'txt_emb', 'violence'];
const laionColumns = () => LAION_FIELDS.map((f) => f.column).sort();
const withoutSieve = (columns: string[]) => [...new Set(columns)].filter((c) => !SIEVE_COLUMNS.includes(c)).sort();

// A distinct value per field: exact in float4 for scores, whole for sizes, an absolute path for the image file.
function sampleValue(i: number): string | number {
  const f = LAION_FIELDS[i];
  if (f.key === 'url') return 'https://example.com/a.jpg';
  if (f.key === 'imagePath') return '/data/a.jpg';
  if (f.kind === 'integer') return 100 + i;
  if (f.kind === 'number') return (i + 1) / 32;
  return `${f.key}-value`;
}

function sampleRecord(): PairRecord {
  const record: Record<string, unknown> = { sourceFile: 'part-0.parquet', sourceRow: 3, violence: 0.5, extra: null, imgEmb: null, txtEmb: null };
  LAION_FIELDS.forEach((f, i) => (record[f.key] = sampleValue(i)));
  return record as unknown as PairRecord;
}

const listed = (sql: string, opening: RegExp) => sql.match(opening)![1].split(',').map((c) => c.trim());

describe('LAION_FIELDS', () => {
  it('has one entry per key, column and export name, and lower-case aliases no two fields share', () => {
    const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
    expect(unique(LAION_FIELDS.map((f) => f.key))).toBe(true);
    expect(unique(LAION_FIELDS.map((f) => f.column))).toBe(true);
    expect(unique(LAION_FIELDS.filter((f) => f.laion !== null).map((f) => f.laion!.toLowerCase()))).toBe(true);
    const aliases = LAION_FIELDS.flatMap((f) => f.aliases);
    expect(unique(aliases)).toBe(true);
    for (const a of aliases) expect(a).toBe(a.toLowerCase());
    for (const f of LAION_FIELDS) expect(f.parquet === null).toBe(f.laion === null);
    expect(LAION_FIELD.sampleId.column).toBe('sample_id');
  });

  it('types PairRecord, PairSummary and PairRow fields by their kind', () => {
    type KindType = { text: string | null; integer: number | null; number: number | null };
    type FromRegistry = { [F in (typeof LAION_FIELDS)[number] as F['key']]: KindType[F['kind']] };
    expectTypeOf<Pick<PairRecord, LaionFieldKey>>().toEqualTypeOf<FromRegistry>();
    expectTypeOf<Pick<PairSummary, Exclude<LaionFieldKey, 'imagePath'>>>().toEqualTypeOf<Omit<FromRegistry, 'imagePath'>>();
    type ByColumn = { [F in (typeof LAION_FIELDS)[number] as F['column']]: KindType[F['kind']] };
    expectTypeOf<Pick<PairRow, keyof ByColumn>>().toEqualTypeOf<ByColumn>();
  });
});

describe('insertPairs', () => {
  it('names every LAION column and passes each field at its place', async () => {
    const calls: { sql: string; params: unknown[] }[] = [];
    const q = { query: async (sql: string, params: unknown[] = []) => (calls.push({ sql, params }), [{ n: 1 }]) };
    await insertPairs(q as never, 7, 'src', [sampleRecord()]);
    const { sql, params } = calls[0];
    const insertList = listed(sql, /INSERT INTO pairs \(([^)]*)\)/);
    const unnestList = listed(sql, /AS t\(([^)]*)\)/);
    expect(withoutSieve(insertList)).toEqual(laionColumns());
    expect(withoutSieve(unnestList)).toEqual(laionColumns());
    // The SELECT takes t.<column> for each LAION column.
    for (const column of laionColumns()) expect(sql).toContain(`t.${column},`);
    // unnest($2…$21, $23): the n-th name of t(…) is the n-th array parameter.
    const arrays = sql.match(/unnest\(([^)]*)\)/)![1].match(/\$(\d+)/g)!.map((p) => Number(p.slice(1)) - 1);
    const record = sampleRecord() as unknown as Record<string, unknown>;
    for (const f of LAION_FIELDS) {
      expect((params[arrays[unnestList.indexOf(f.column)]] as unknown[])[0], f.key).toBe(record[f.key]);
    }
  });
});

describe('copyPairs', () => {
  it('names every LAION column and encodes each field at its place', async () => {
    let copySql = '';
    const bytes: Buffer[] = [];
    const q = {
      query: async () => [],
      copyFrom: async (sql: string, chunks: AsyncIterable<Buffer>) => {
        copySql = sql;
        for await (const c of chunks) bytes.push(Buffer.from(c));
        return 1;
      },
    };
    async function* batches() {
      yield [sampleRecord()];
    }
    await copyPairs(q, 7, 'src', batches(), () => {});
    const columns = listed(copySql, /COPY pairs \(([^)]*)\)/);
    expect(withoutSieve(columns)).toEqual(laionColumns());
    // Binary COPY: a 19-byte header, then per row a field count and (length, bytes) per field, -1 for null.
    const data = Buffer.concat(bytes);
    let at = 19;
    const count = data.readInt16BE(at);
    at += 2;
    expect(count).toBe(columns.length);
    const fields: (Buffer | null)[] = [];
    for (let i = 0; i < count; i++) {
      const length = data.readInt32BE(at);
      at += 4;
      fields.push(length < 0 ? null : data.subarray(at, at + length));
      at += Math.max(length, 0);
    }
    LAION_FIELDS.forEach((f, i) => {
      const cell = fields[columns.indexOf(f.column)]!;
      const decoded = f.kind === 'text' ? cell.toString('utf8') : f.kind === 'integer' ? cell.readInt32BE(0) : cell.readFloatBE(0);
      expect(decoded, f.key).toBe(sampleValue(i));
    });
  });
});

describe('the read column lists', () => {
  const columnsOf = (sql: string) => [...sql.matchAll(/\bp\.(\w+)/g)].map((m) => m[1]);

  it('read every LAION column', () => {
    expect(withoutSieve(columnsOf(visibleColumns))).toEqual(laionColumns());
    expect(withoutSieve(columnsOf(reviewColumns))).toEqual(laionColumns());
    expect(withoutSieve(columnsOf(detailColumns))).toEqual(laionColumns());
  });

  it('toPairSummary carries each column to its field', () => {
    const row: Record<string, unknown> = { id: 1, dataset_id: 2, domain: 'example.com', hidden: false, flagged: false };
    LAION_FIELDS.forEach((f, i) => (row[f.column] = sampleValue(i)));
    const summary = toPairSummary(row as unknown as PairRow) as unknown as Record<string, unknown>;
    LAION_FIELDS.forEach((f, i) => {
      if (f.key !== 'imagePath') expect(summary[f.key], f.key).toBe(sampleValue(i));
    });
  });
});

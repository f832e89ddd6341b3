// Each table has one owner module, and every write to it goes through the owner's functions: the SQL that inserts,
// updates, deletes or copies rows into a table appears in its owner's files only. Other modules call the owner (a
// value the owner would need from a higher layer is passed in). Reads are not checked here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data';
import { BACKUP_TABLE_NAMES } from '../backup/tables';

const CODE_DIRS = ['app', 'lib', 'scripts', 'components'];
// Test code (tests, __fixtures__, test/ folders) sets up its own rows; Prisma's generated client is not ours.
const NOT_PRODUCT = /(^|\/)(__fixtures__|test|generated)\/|\.test\.tsx?$/;

/** Table (as a pattern: a `pairs_…` staging table would be pairs' too) → the module that alone writes it. */
const OWNERS: { table: string; pattern: string; owner: string }[] = [
  { table: 'pairs', pattern: 'pairs(?:_\\w+)?', owner: 'lib/pairs/' },
  { table: 'datasets', pattern: 'datasets', owner: 'lib/datasets/' },
];

/**
 * Files that write tables named at run time (`INSERT INTO ${table}`), which could be any table: each listed with why.
 * A write whose target is spelled out is never excepted.
 */
const DYNAMIC_WRITERS: Record<string, string> = {
  'lib/backup/sql.ts':
    "restore puts other concepts' rows back exactly as they were (ids, times, authors), which no owner's function does; "
    + 'its tables are lib/backup/tables.ts, and pairs and datasets are not among them (checked below)',
  'lib/db/copy-embedded-database.ts':
    'migrate-from-embedded moves a whole database, every table with its ids, into an empty PostgreSQL: below every owner',
};

/** INSERT INTO / UPDATE … SET / DELETE FROM / COPY … FROM / TRUNCATE / MERGE INTO the table `name` (a pattern), any case. */
const writes = (name: string, end = '(?![\\w$])') => {
  const target = `(?:ONLY\\s+)?(?:"?public"?\\.)?"?${name}"?${end}`;
  return new RegExp([
    `\\bINSERT\\s+INTO\\s+${target}`,
    `\\bUPDATE\\s+${target}(?:\\s+(?:AS\\s+)?\\w+)?\\s+SET\\b`,
    `\\bDELETE\\s+FROM\\s+${target}`,
    `\\bCOPY\\s+${target}\\s*(?:\\([^)]*\\))?\\s*FROM\\b`,
    `\\bTRUNCATE\\s+(?:TABLE\\s+)?${target}`,
    `\\bMERGE\\s+INTO\\s+${target}`,
  ].join('|'), 'i');
};
/** A target table named at run time: `${…}`. */
const DYNAMIC = writes('\\$\\{[^}]*\\}', '');
const PRISMA = (model: string) => new RegExp(`\\.${model}\\s*\\.\\s*(?:create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\\s*\\(`);
const PRISMA_MODEL: Record<string, string> = { pairs: 'pair', datasets: 'dataset' };

function productSources(): { file: string; text: string }[] {
  return CODE_DIRS.flatMap((dir) =>
    readdirSync(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((file) => !NOT_PRODUCT.test(file) && !file.startsWith('node_modules/')),
  ).map((file) => ({ file, text: readFileSync(path.join(REPO_ROOT, file), 'utf8') }));
}

/** Files outside `owner` whose text matches `pattern`, with the first matching line. */
function offenders(files: { file: string; text: string }[], pattern: RegExp, owner?: string): string[] {
  return files
    .filter(({ file, text }) => !(owner && file.startsWith(owner)) && pattern.test(text))
    .map(({ file, text }) => `${file}: ${text.split('\n').find((line) => pattern.test(line))?.trim() ?? text.match(pattern)?.[0]}`);
}

describe('table owners', () => {
  const files = productSources();

  it('reads the product code', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.file === 'lib/pairs/insert-pairs.ts')).toBe(true);
  });

  for (const { table, pattern, owner } of OWNERS) {
    it(`${table} is written by ${owner} alone`, () => {
      expect(offenders(files, writes(pattern), owner)).toEqual([]);
      expect(offenders(files, PRISMA(PRISMA_MODEL[table]), owner)).toEqual([]);
    });

    it(`${owner} does write ${table}`, () => {
      // The patterns still find the owner's own writes: a check that matches nothing would pass for any code.
      expect(files.filter((f) => f.file.startsWith(owner) && writes(pattern).test(f.text)).length).toBeGreaterThan(0);
    });
  }

  it('writes to a table named at run time are the listed exceptions, each still there', () => {
    expect(offenders(files, DYNAMIC).map((o) => o.split(':')[0]).sort()).toEqual(Object.keys(DYNAMIC_WRITERS).sort());
  });

  it("a restore writes none of the owned tables", () => {
    for (const { table } of OWNERS) expect(BACKUP_TABLE_NAMES).not.toContain(table);
  });
});

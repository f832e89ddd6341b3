// The trail is evidence: no SQL in the app's own code rewrites it (the database trigger refuses it anyway:
// lib/db/migrate.int.test.ts), and no route offers to.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data';

const CODE_DIRS = ['app', 'lib', 'scripts', 'components'];
const REWRITE = /\b(UPDATE\s+audit_events|DELETE\s+FROM\s+audit_events|TRUNCATE\s+(TABLE\s+)?audit_events|DROP\s+TRIGGER\s+audit_events)/i;

function sources(): string[] {
  return CODE_DIRS.flatMap((dir) =>
    readdirSync(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.parentPath.includes('generated'))
      .map((e) => path.join(e.parentPath, e.name)),
  );
}

describe('audit_events', () => {
  it('is never updated, deleted or truncated by the app', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => REWRITE.test(readFileSync(f, 'utf8'))).map((f) => path.relative(REPO_ROOT, f));
    expect(offenders).toEqual([]);
  });
});

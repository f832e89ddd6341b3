// Test support: runs the `sieve` command in-process against a test database, as a user would from a shell, and
// returns its exit code and what it printed.
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import type { TestDatabase } from '../../../test/databases';
import { main } from '../main';

export interface SieveRun {
  code: number;
  out: string;
  err: string;
}

export async function runSieve(t: TestDatabase, home: string, args: string[], stdin?: string): Promise<SieveRun> {
  Object.assign(process.env, { DATABASE_URL: t.url, SIEVE_DB_KIND: t.kind, SIEVE_HOME: home });
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  if (stdin !== undefined) vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(stdin)]) as never);
  try {
    return { code: await main(args), out, err };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    delete process.env.DATABASE_URL;
    delete process.env.SIEVE_DB_KIND;
  }
}

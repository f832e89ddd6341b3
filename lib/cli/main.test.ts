import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

afterEach(() => vi.restoreAllMocks());

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await main(argv);
  return { code, err };
}

describe('main: argv errors, before any database is opened', () => {
  it('a malformed flag is one line and exit 64 (EX_USAGE)', async () => {
    const { code, err } = await run(['ingest', 'x.parquet', '--nope']);
    expect(code).toBe(64);
    expect(err).toMatch(/^sieve ingest: Unknown option '--nope'.*`npm run sieve -- help` lists the flags\n$/);
  });

  it.each([
    ['before the command', ['--verbose', 'ingest', '--nope']],
    ['among the flags', ['ingest', '--verbose', '--nope']],
    ['last', ['ingest', '--nope', '--verbose']],
  ])('accepts --verbose %s, as a global flag', async (_, argv) => {
    const { code, err } = await run(argv);
    expect(code).toBe(64);
    expect(err).toMatch(/^sieve ingest: Unknown option '--nope'/);
  });

  it('an unknown command prints the usage, which lists the exit codes, and exits 64', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(64);
    expect(err).toMatch(/^unknown command "frobnicate"/);
    for (const n of [64, 65, 66, 69, 70, 71, 74, 75, 77, 78]) expect(err).toMatch(new RegExp(`^  ${n}  `, 'm'));
  });
});

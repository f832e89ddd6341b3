import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { checkEmbeddedSize, EMBEDDED_MAX_VALUES, embeddedMaxValues } from './check-embedded-size';

const load = { command: 'ingest', dataset: 'laion-part', rows: 1_000_000, dim: 512 };

describe('checkEmbeddedSize', () => {
  it('refuses a million 512-d rows into the embedded database, naming the size, the reason and the command', () => {
    let caught: unknown;
    try {
      checkEmbeddedSize('embedded', load, {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const e = caught as AppError;
    expect(e.code).toBe('payload_too_large');
    expect(e.message).toMatch(/^after this ingest, dataset "laion-part" would hold 1,000,000 rows of 512-d vectors \(512\.0 M values\), past the /);
    expect(e.message).toContain('single-threaded WebAssembly with 32-bit memory');
    expect(e.message).toContain('`npm run sieve -- server start`');
    expect(e.message).toMatch(/--force ingests into the embedded database anyway$/);
    expect(e.details).toEqual({ rows: 1_000_000, dim: 512, values: 512_000_000, limit: EMBEDDED_MAX_VALUES });
  });

  it('lets through a load at the limit, anything with --force, and any load into a server', () => {
    expect(() => checkEmbeddedSize('embedded', { ...load, rows: EMBEDDED_MAX_VALUES / 512 }, {})).not.toThrow();
    expect(() => checkEmbeddedSize('embedded', { ...load, force: true }, {})).not.toThrow();
    expect(() => checkEmbeddedSize('server', load, {})).not.toThrow();
  });

  it('takes its limit from SIEVE_EMBEDDED_MAX_VALUES when that is a positive number', () => {
    expect(embeddedMaxValues({ SIEVE_EMBEDDED_MAX_VALUES: '800' })).toBe(800);
    expect(embeddedMaxValues({ SIEVE_EMBEDDED_MAX_VALUES: 'lots' })).toBe(EMBEDDED_MAX_VALUES);
    expect(() => checkEmbeddedSize('embedded', { ...load, rows: 2, dim: 512 }, { SIEVE_EMBEDDED_MAX_VALUES: '800' })).toThrow(/past the 800 values \(1 rows at 512-d\)/);
  });
});

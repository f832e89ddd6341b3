// The embedded database's limit: past a size measured on a 2-core machine, an ingest or embed into PGlite stops
// before it starts and names the one command that gives a real PostgreSQL, unless --force.
import { AppError } from '../errors/app-error';
import type { DbKind } from './config';

/**
 * Vector values (rows × dimension) after the load that the embedded database still holds well: 20,000 512-d rows.
 * PGlite is single-threaded WebAssembly with a 32-bit address space, and its HNSW build is what grows. Measured here
 * (docs/performance.md, "The embedded database's limit"): 20,000 512-d rows took 1 min 37 s to load and index on a
 * quiet machine (250 s of CPU on a busy one) at 0.9 GB peak RSS; 40,000 took 429 s of CPU. A PostgreSQL server loads
 * and indexes a million in about five minutes. SIEVE_EMBEDDED_MAX_VALUES moves the limit.
 */
export const EMBEDDED_MAX_VALUES = 20_000 * 512;

export const embeddedMaxValues = (env: Record<string, string | undefined> = process.env) => {
  const n = Number(env.SIEVE_EMBEDDED_MAX_VALUES);
  return Number.isFinite(n) && n > 0 ? n : EMBEDDED_MAX_VALUES;
};

export interface EmbeddedLoad {
  /** `ingest` or `embed`: the command to re-run with --force. */
  command: string;
  dataset: string;
  /** The dataset's rows once the load is done, and their vectors' dimension. */
  rows: number;
  dim: number;
  force?: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const amount = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : fmt(n));

export function checkEmbeddedSize(kind: DbKind, load: EmbeddedLoad, env: Record<string, string | undefined> = process.env): void {
  const limit = embeddedMaxValues(env);
  const values = load.rows * load.dim;
  if (kind !== 'embedded' || load.force || values <= limit) return;
  throw new AppError(
    'payload_too_large',
    `after this ${load.command}, dataset "${load.dataset}" would hold ${fmt(load.rows)} rows of ${load.dim}-d vectors (${amount(values)} values), ` +
      `past the ${amount(limit)} values (${fmt(Math.floor(limit / load.dim))} rows at ${load.dim}-d) the embedded database holds well: ` +
      'it is single-threaded WebAssembly with 32-bit memory, so its vector index would take very long to build or run out of memory. ' +
      'Run `npm run sieve -- server start` for a local PostgreSQL that Sieve then uses by itself (or set DATABASE_URL to your own server) and run this again; ' +
      `--force ${load.command}s into the embedded database anyway`,
    { rows: load.rows, dim: load.dim, values, limit },
  );
}

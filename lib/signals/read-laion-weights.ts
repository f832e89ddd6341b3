// Finds the LAION weight files shipped in data/laion-models/ and reads them once, synchronously.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors/app-error';
import { parseNpyHeader } from '../vectors/parse-npy-header';

export interface Float32Npy {
  shape: number[];
  data: Float32Array;
}

let dir: string | undefined;
const cache = new Map<string, unknown>();

/**
 * The folder holding the weights. Beside this module in a checkout; a Next.js server bundle moves the module,
 * so the working directory (where `next start` runs) is the fallback, and SIEVE_LAION_MODELS overrides both.
 */
export function laionModelsDir(): string {
  if (dir) return dir;
  const candidates = [
    process.env.SIEVE_LAION_MODELS,
    // A plain path, not new URL(…, import.meta.url), which bundlers take for an asset to copy.
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'laion-models'),
    path.join(process.cwd(), 'data', 'laion-models'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(path.join(d, 'SOURCES.md')));
  if (!found) throw new AppError('internal', `LAION model weights not found (looked in ${candidates.join(', ')})`);
  dir = found;
  return dir;
}

/** Reads a file once per process: the weights are small (under 300 KB in all) and never change while we run. */
function once<T>(file: string, read: (abs: string) => T): T {
  if (!cache.has(file)) cache.set(file, read(path.join(laionModelsDir(), file)));
  return cache.get(file) as T;
}

/** A little-endian float32 .npy under data/laion-models (the only dtype LAION's files use). */
export function readFloat32Npy(file: string): Float32Npy {
  return once(file, (abs) => {
    const buf = readFileSync(abs);
    const header = parseNpyHeader(buf, file);
    if (header.dtype !== 'float32') throw new AppError('internal', `${file}: expected float32, found ${header.dtype}`);
    const count = header.shape.reduce((a, b) => a * b, 1);
    if (buf.length < header.dataOffset + count * 4) throw new AppError('internal', `${file}: truncated`);
    // Copy into an aligned buffer: the data offset need not be a multiple of 4.
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = buf.readFloatLE(header.dataOffset + i * 4);
    return { shape: header.shape, data };
  });
}

/** A JSON file under data/laion-models. */
export function readLaionJson<T>(file: string): T {
  return once(file, (abs) => JSON.parse(readFileSync(abs, 'utf8')) as T);
}

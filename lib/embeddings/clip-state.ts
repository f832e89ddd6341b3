// The process-wide CLIP singleton: at most one load per tower, shared by every caller, and the last failure.
import type { AppError } from '@/lib/errors/app-error';
import type { ClipTower } from './schemas';

export interface ClipFailure {
  error: AppError;
  /** Date.now() of the failure: retries wait a little so a missing model is not re-fetched on every request. */
  at: number;
}

export interface ClipState {
  key: string | null;
  /** In-flight or settled loads; a failed one is removed so a later call can retry. */
  loads: Map<ClipTower, Promise<unknown>>;
  loaded: Set<ClipTower>;
  failures: Map<ClipTower, ClipFailure>;
  dim?: number;
}

// Next.js may bundle this module once per route; the state lives on globalThis so that the search route
// and the status route share one loaded model (and one record of why it failed), as getDb shares one pool.
const holder = globalThis as typeof globalThis & { __sieveClip?: ClipState };

/** The state for this source configuration; a changed configuration (e.g. SIEVE_MODEL_DIR) starts afresh. */
export function clipStateFor(key: string): ClipState {
  if (holder.__sieveClip?.key !== key) holder.__sieveClip = emptyState(key);
  return holder.__sieveClip;
}

/** Forgets loaded models and failures. Tests only: production keeps one model for the life of the process. */
export function resetClipForTests(): void {
  holder.__sieveClip = emptyState(null);
}

function emptyState(key: string | null): ClipState {
  return { key, loads: new Map(), loaded: new Set(), failures: new Map() };
}

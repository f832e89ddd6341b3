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

let current: ClipState = emptyState(null);

/** The state for this source configuration; a changed configuration (e.g. SIEVE_MODEL_DIR) starts afresh. */
export function clipStateFor(key: string): ClipState {
  if (current.key !== key) current = emptyState(key);
  return current;
}

/** Forgets loaded models and failures. Tests only: production keeps one model for the life of the process. */
export function resetClipForTests(): void {
  current = emptyState(null);
}

function emptyState(key: string | null): ClipState {
  return { key, loads: new Map(), loaded: new Set(), failures: new Map() };
}

// Opaque page cursors: where the previous page stopped, bound to the query that produced it.
import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';

/**
 * semantic: (distance, id) of the last hit; keyword: (rank, id); filter: id; hybrid: how many fused
 * hits came before (a fused ranking has no keyset of its own).
 */
export type CursorKey =
  | { kind: 'distance'; value: number; id: number }
  | { kind: 'rank'; value: number; id: number }
  | { kind: 'id'; id: number }
  | { kind: 'offset'; offset: number };

interface Envelope {
  /** Fingerprint of the query: a cursor is refused by any other query. */
  q: string;
  k: CursorKey;
}

/** A stable fingerprint of everything that decides the ranking (not limit or cursor). */
export function fingerprintQuery(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(fingerprint: string, key: CursorKey): string {
  const envelope: Envelope = { q: fingerprint, k: key };
  return Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

export function decodeCursor(cursor: string, fingerprint: string, kind: CursorKey['kind']): CursorKey {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Envelope;
  } catch {
    throw new AppError('bad_request', 'cursor: not a cursor this server issued');
  }
  const key = envelope?.k;
  if (!key || key.kind !== kind || !validKey(key)) throw new AppError('bad_request', 'cursor: not a cursor this server issued');
  if (envelope.q !== fingerprint) {
    throw new AppError('bad_request', 'cursor: it belongs to a different query; start again without a cursor');
  }
  return key;
}

function validKey(k: CursorKey): boolean {
  const int = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  switch (k.kind) {
    case 'distance':
    case 'rank':
      return Number.isFinite(k.value) && int(k.id);
    case 'id':
      return int(k.id);
    case 'offset':
      return int(k.offset);
    default:
      return false;
  }
}

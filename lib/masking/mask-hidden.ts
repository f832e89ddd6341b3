// What Sieve keeps or hands out beside the pairs (audit details, backups) holds a hidden pair's URL, LAION hash or
// sample id only as its SHA-256: any string equal to one, anywhere in a JSON value (keys too), becomes `sha256:<hex>`.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client';
import { selectAllHiddenStrings, selectHiddenStrings } from './sql';

export const maskedForm = (s: string) => `sha256:${createHash('sha256').update(s, 'utf8').digest('hex')}`;

const MASKED = /^sha256:[0-9a-f]{64}$/;

/** Whether `masked` is the masked form of `clear`: a restore meets a masked backup value beside the clear original. */
export const isMaskOf = (masked: unknown, clear: unknown): boolean =>
  typeof masked === 'string' && typeof clear === 'string' && MASKED.test(masked) && maskedForm(clear) === masked;

/** Equal as JSON values, a masked string on either side counting as equal to its clear form on the other. */
export function equalUpToMasks(a: unknown, b: unknown): boolean {
  if (a === b || isMaskOf(a, b) || isMaskOf(b, a)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equalUpToMasks(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  // A masked key names its clear twin on the other side.
  return ka.every((k) => {
    const twin = k in b ? k : kb.find((x) => isMaskOf(k, x) || isMaskOf(x, k));
    return twin !== undefined && equalUpToMasks((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[twin]);
  });
}

function collect(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => collect(x, out));
  else if (v && typeof v === 'object' && !(v instanceof Date)) {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      collect(x, out);
    }
  }
}

function replace<T>(v: T, hidden: Set<string>): T {
  if (typeof v === 'string') return (hidden.has(v) ? maskedForm(v) : v) as T;
  if (Array.isArray(v)) return v.map((x) => replace(x, hidden)) as T;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [hidden.has(k) ? maskedForm(k) : k, replace(x, hidden)])) as T;
  }
  return v;
}

/**
 * These values with hidden strings masked, by one look-up of the strings they hold (a page of the audit trail).
 * `urls` asks only the URLs the rule's sources hide (a reference table: safe inside any transaction on Citus).
 */
export async function maskHidden<T>(q: Queryable, values: T[], scope: 'urls' | 'all' = 'all'): Promise<T[]> {
  const strings = new Set<string>();
  for (const v of values) collect(v, strings);
  const hidden = await selectHiddenStrings(q, [...strings], scope);
  return hidden.size === 0 ? values : values.map((v) => replace(v, hidden));
}

/** Loads every hidden string once, for a long read that masks row after row (a backup, an audit download). */
export async function loadHiddenMask(q: Queryable): Promise<<T>(value: T) => T> {
  const hidden = await selectAllHiddenStrings(q);
  return (value) => (hidden.size === 0 ? value : replace(value, hidden));
}

// Which strings name a hidden pair: reads of lib/pairs' hiding tables (hidden_urls, hidden_pairs), which lib/pairs
// alone writes. Kept below lib/audit so that every audit write masks without reaching up into lib/pairs.
import type { Queryable } from '../db/client';

/**
 * Of `strings`, those that are a hidden pair's URL, LAION hash or sample id. `urls` reads only hidden_urls (a
 * reference table), which any transaction may read whatever it writes next on Citus; `all` also reads the pairs.
 */
export async function selectHiddenStrings(q: Queryable, strings: string[], scope: 'urls' | 'all'): Promise<Set<string>> {
  const found = new Set<string>();
  if (strings.length === 0) return found;
  // Every audit event asks this: parsed and planned once per connection.
  const urls = await q.query<{ s: string }>('SELECT DISTINCT url AS s FROM hidden_urls WHERE url = ANY($1::text[])', [strings], { prepared: 'sieve_hidden_urls_among' });
  for (const r of urls) found.add(r.s);
  if (scope === 'all') {
    const rows = await q.query<{ url: string | null; hash: string | null; sample_id: string | null }>(
      `SELECT p.url, p.hash, p.sample_id FROM pairs p JOIN hidden_pairs h ON h.pair_id = p.id
        WHERE p.url = ANY($1::text[]) OR p.hash = ANY($1::text[]) OR p.sample_id = ANY($1::text[])`,
      [strings],
    );
    const asked = new Set(strings);
    for (const r of rows) for (const s of [r.url, r.hash, r.sample_id]) if (s !== null && asked.has(s)) found.add(s);
  }
  return found;
}

/** Every hidden pair's URL, hash and sample id, for a long read (a backup, an audit download) that masks as it goes. */
export async function selectAllHiddenStrings(q: Queryable): Promise<Set<string>> {
  const found = new Set<string>();
  for (const r of await q.query<{ s: string }>('SELECT DISTINCT url AS s FROM hidden_urls')) found.add(r.s);
  const rows = await q.query<{ url: string | null; hash: string | null; sample_id: string | null }>(
    'SELECT DISTINCT p.url, p.hash, p.sample_id FROM pairs p JOIN hidden_pairs h ON h.pair_id = p.id',
  );
  for (const r of rows) for (const s of [r.url, r.hash, r.sample_id]) if (s !== null) found.add(s);
  return found;
}

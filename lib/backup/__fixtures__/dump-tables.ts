// Test support: every row of the backed-up tables as the database holds them (to_jsonb of the whole row), with a
// pair named by dataset, shard fingerprint and row and a dataset by name, so two databases whose ingests handed
// out different ids compare equal when their content is. Written without lib/backup, so it checks it.
import type { Queryable } from '../../db/client';

const TABLES: Record<string, { order: string; pair?: true; dataset?: true }> = {
  users: { order: 'id' },
  accounts: { order: 'id' },
  api_tokens: { order: 'id' },
  concept_rules: { order: 'id' },
  block_lists: { order: 'id' },
  block_list_entries: { order: 'list_id, kind, value' },
  takedowns: { order: 'id' },
  takedown_items: { order: 'id' },
  exports: { order: 'id', dataset: true },
  audit_events: { order: 'id', dataset: true },
  flags: { order: 'id', pair: true },
  takedown_matches: { order: 'item_id, d.name, p.source_id, p.source_row', pair: true },
};

export async function dumpTables(q: Queryable): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, o] of Object.entries(TABLES)) {
    const row = o.pair
      ? `to_jsonb(t) - 'pair_id' || jsonb_build_object('pair', jsonb_build_array(d.name, p.source_id, p.source_row))`
      : o.dataset ? `to_jsonb(t) - 'dataset_id' || jsonb_build_object('dataset', d.name)` : 'to_jsonb(t)';
    const join = o.pair ? 'JOIN pairs p ON p.id = t.pair_id JOIN datasets d ON d.id = p.dataset_id' : o.dataset ? 'LEFT JOIN datasets d ON d.id = t.dataset_id' : '';
    const order = o.order.split(', ').map((c) => (c.includes('.') ? c : `t.${c}`)).join(', ');
    out[table] = (await q.query<{ r: unknown }>(`SELECT ${row} AS r FROM ${table} t ${join} ORDER BY ${order}`)).map((x) => x.r);
  }
  out.hidden_urls = (await q.query<{ url: string }>('SELECT url FROM hidden_urls ORDER BY url')).map((x) => x.url);
  return out;
}

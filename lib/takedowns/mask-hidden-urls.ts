// When pairs become hidden, their URLs leave takedowns' own tables in clear: every url item and url block-list entry
// naming a hidden URL (hidden_urls) is rewritten to its digest by the hiding job that follows
// (lib/server/job-kinds.ts), and so is an image item's source URL. Matching goes on through the digest. Not in the
// flag's own transaction: on Citus, a transaction that has written shards in parallel may not then write a table
// copied to every node.
import type { Queryable } from '../db/client';
import { sqlUrlDigest } from './url-digest';

export async function maskHiddenUrls(q: Queryable): Promise<{ items: number; entries: number }> {
  const hidden = 'SELECT url FROM hidden_urls';
  // Read first, write only when something names such a URL.
  const items = await q.query<{ id: number }>(`SELECT id FROM takedown_items WHERE kind IN ('url', 'image') AND value IN (${hidden})`);
  const entries = await q.query<{ list_id: number }>(`SELECT DISTINCT list_id FROM block_list_entries WHERE kind = 'url' AND value IN (${hidden})`);
  if (items.length) {
    // The digest is computed in a CTE: Citus refuses a STABLE function (convert_to) over a column inside an UPDATE.
    await q.query(
      `WITH d AS (SELECT id, ${sqlUrlDigest('value')} AS digest FROM takedown_items WHERE id = ANY($1::bigint[]))
       UPDATE takedown_items i SET value = d.digest FROM d WHERE i.id = d.id`,
      [items.map((i) => i.id)],
    );
  }
  let rewritten = 0;
  if (entries.length) {
    // A list keeps each entry once: the digest may be there already (the same URL imported hidden before).
    const lists = entries.map((e) => e.list_id);
    await q.query(
      `INSERT INTO block_list_entries (list_id, kind, value)
       SELECT list_id, 'url', ${sqlUrlDigest('value')} FROM block_list_entries WHERE kind = 'url' AND list_id = ANY($1::int[]) AND value IN (${hidden})
       ON CONFLICT DO NOTHING`,
      [lists],
    );
    rewritten = (await q.query(`DELETE FROM block_list_entries WHERE kind = 'url' AND list_id = ANY($1::int[]) AND value IN (${hidden}) RETURNING 1`, [lists])).length;
  }
  return { items: items.length, entries: rewritten };
}

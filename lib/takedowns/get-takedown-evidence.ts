// The evidence bundle of a request: the request, its items, every match (pair ids, URLs where they may be shown,
// similarity, dropped or kept) and its audit events, as JSON or as CSV of the matches (for spreadsheets: no formulas).
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { findEvents } from '../audit/find-events';
import { spreadsheetCsv } from '../audit/spreadsheet-csv';
import { visibleColumns, type PairRow } from '../pairs/sql';
import { getTakedown } from './get-takedown';

interface MatchRow { item_id: number; match_similarity: number | null; excluded: boolean }

export async function getTakedownEvidence(id: number, format: 'json' | 'csv', q: Queryable = getDb()): Promise<string> {
  const takedown = await getTakedown(id, q);
  const matches = await q.query<PairRow & MatchRow>(
    `SELECT m.item_id, m.similarity AS match_similarity, m.excluded, ${visibleColumns}
       FROM takedown_matches m JOIN shown_pairs p ON p.id = m.pair_id WHERE m.takedown_id = $1 ORDER BY m.item_id, p.id`,
    [id],
  );
  const rows = matches.map((m) => ({ itemId: m.item_id, pairId: m.id, datasetId: m.dataset_id, url: m.url, hash: m.hash, key: m.sample_id, similarity: m.match_similarity, excluded: m.excluded }));
  if (format === 'csv') {
    const fields = ['itemId', 'pairId', 'datasetId', 'url', 'hash', 'key', 'similarity', 'excluded'] as const;
    return spreadsheetCsv([[...fields], ...rows.map((r) => fields.map((f) => r[f]))]);
  }
  const events = [];
  for (let before: number | undefined; ; ) {
    const page = await findEvents({ subject: `takedown:${id}`, limit: 500, before }, q);
    events.push(...page.events);
    if (!page.nextBefore) break;
    before = page.nextBefore;
  }
  const { samples: _samples, ...request } = takedown;
  void _samples;
  return JSON.stringify({ request, matches: rows, events }, null, 2);
}

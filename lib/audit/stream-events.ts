// Every event that matches the filters, as CSV for spreadsheets or JSON lines, read in keyset pages (memory stays
// flat), with hidden pairs' URLs, hashes and sample ids masked.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { AuditEvent, AuditQueryInput } from './schemas';
import { toEventFilter } from './find-events';
import { openEventMask } from './mask-events';
import { spreadsheetCsv } from './spreadsheet-csv';
import { selectEvents } from './sql';

const PAGE = 1_000;
const CSV_COLUMNS = ['id', 'at', 'actor', 'actorEmail', 'action', 'subject', 'datasetId', 'ip', 'details'] as const;

function csvRow(e: AuditEvent): string {
  return spreadsheetCsv([CSV_COLUMNS.map((c) => (c === 'details' ? (e.details === null ? '' : JSON.stringify(e.details)) : (e[c] ?? '')))]);
}

export async function* streamEvents(raw: AuditQueryInput, format: 'csv' | 'jsonl', q: Queryable = getDb()): AsyncGenerator<string> {
  const filter = await toEventFilter(raw, q);
  const mask = await openEventMask(q);
  if (format === 'csv') yield spreadsheetCsv([[...CSV_COLUMNS]]);
  let before = filter.before;
  for (;;) {
    const page = (await selectEvents(q, { ...filter, before, limit: PAGE })).map(mask);
    for (const e of page) yield format === 'csv' ? csvRow(e) : `${JSON.stringify(e)}\n`;
    if (page.length < PAGE) return;
    before = page[page.length - 1].id;
  }
}

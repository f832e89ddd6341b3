// Every event that matches the filters, as CSV (RFC 4180) or JSON lines, read in keyset pages: memory stays flat.
import Papa from 'papaparse';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { AuditEvent, AuditQueryInput } from './schemas';
import { toEventFilter } from './find-events';
import { selectEvents } from './sql';

const PAGE = 1_000;
const CSV_COLUMNS = ['id', 'at', 'actor', 'actorEmail', 'action', 'subject', 'datasetId', 'ip', 'details'] as const;

// RFC 4180: CRLF after every record, fields quoted when they hold a comma, a quote or a line break.
const csvLine = (cells: unknown[]) => `${Papa.unparse([cells], { newline: '\r\n' })}\r\n`;

function csvRow(e: AuditEvent): string {
  return csvLine(CSV_COLUMNS.map((c) => (c === 'details' ? (e.details === null ? '' : JSON.stringify(e.details)) : (e[c] ?? ''))));
}

export async function* streamEvents(raw: AuditQueryInput, format: 'csv' | 'jsonl', q: Queryable = getDb()): AsyncGenerator<string> {
  const filter = await toEventFilter(raw, q);
  if (format === 'csv') yield csvLine([...CSV_COLUMNS]);
  let before = filter.before;
  for (;;) {
    const page = await selectEvents(q, { ...filter, before, limit: PAGE });
    for (const e of page) yield format === 'csv' ? csvRow(e) : `${JSON.stringify(e)}\n`;
    if (page.length < PAGE) return;
    before = page[page.length - 1].id;
  }
}

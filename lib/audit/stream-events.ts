// Every event that matches the filters, as CSV (RFC 4180) or JSON lines, read in keyset pages: memory stays flat.
import { stringify } from 'csv-stringify/sync';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { AuditEvent, AuditQueryInput } from './schemas';
import { toEventFilter } from './find-events';
import { selectEvents } from './sql';

const PAGE = 1_000;
const CSV_COLUMNS = ['id', 'at', 'actor', 'actorEmail', 'action', 'subject', 'datasetId', 'ip', 'details'] as const;

function csvRow(e: AuditEvent): string {
  return stringify([CSV_COLUMNS.map((c) => (c === 'details' ? (e.details === null ? '' : JSON.stringify(e.details)) : (e[c] ?? '')))]);
}

export async function* streamEvents(raw: AuditQueryInput, format: 'csv' | 'jsonl', q: Queryable = getDb()): AsyncGenerator<string> {
  const filter = await toEventFilter(raw, q);
  if (format === 'csv') yield stringify([CSV_COLUMNS as unknown as string[]]);
  let before = filter.before;
  for (;;) {
    const page = await selectEvents(q, { ...filter, before, limit: PAGE });
    for (const e of page) yield format === 'csv' ? csvRow(e) : `${JSON.stringify(e)}\n`;
    if (page.length < PAGE) return;
    before = page[page.length - 1].id;
  }
}

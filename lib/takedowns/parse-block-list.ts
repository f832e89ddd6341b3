// Reads a block list file: a text file with one URL, domain or hash per line, or a CSV / Parquet file with a url,
// domain or hash column. Every bad line is reported with its number.
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error';
import { openParquetFile } from '../parquet/open-parquet-file';

export type BlockEntryKind = 'url' | 'domain' | 'hash';
export interface BlockEntry { kind: BlockEntryKind; value: string; line: number }
export interface ParsedBlockList { entries: BlockEntry[]; errors: { line: number; message: string }[] }

const DOMAIN = /^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})+$/;
// LAION's hash is an int64; other lists carry hex digests.
const HASH = /^(-?\d{1,20}|[0-9a-f]{8,128})$/i;

/** What one value is, given the column it came from (or guessed, for a plain text line). */
export function classify(raw: string, column?: BlockEntryKind): { kind: BlockEntryKind; value: string } | string {
  const v = raw.trim();
  const as = column ?? (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? 'url' : DOMAIN.test(v.toLowerCase()) ? 'domain' : 'hash');
  if (as === 'url') {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:' ? { kind: 'url', value: v } : `not an http(s) URL: ${v.slice(0, 80)}`;
    } catch {
      return `not a URL: ${v.slice(0, 80)}`;
    }
  }
  if (as === 'domain') {
    const d = v.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
    return DOMAIN.test(d) ? { kind: 'domain', value: d } : `not a domain: ${v.slice(0, 80)}`;
  }
  return HASH.test(v) ? { kind: 'hash', value: v } : `not a URL, domain or hash: ${v.slice(0, 80)}`;
}

function collect(values: { raw: unknown; line: number }[], column?: BlockEntryKind): ParsedBlockList {
  const out: ParsedBlockList = { entries: [], errors: [] };
  for (const { raw, line } of values) {
    if (raw === null || raw === undefined) continue;
    const text = String(raw).trim();
    if (!text || text.startsWith('#')) continue;
    const c = classify(text, column);
    if (typeof c === 'string') out.errors.push({ line, message: c });
    else out.entries.push({ ...c, line });
  }
  return out;
}

const columnOf = (names: string[]) => names.find((n) => ['url', 'domain', 'hash'].includes(n.toLowerCase()));

/** `label` names the file in messages (an upload's own name rather than where Sieve put it). */
export async function parseBlockList(file: string, label = file): Promise<ParsedBlockList> {
  if (/\.parquet$/i.test(file)) {
    const pq = await openParquetFile(file, label);
    const column = columnOf(pq.columns);
    if (!column) throw new AppError('bad_request', `${label}: needs a url, domain or hash column`, { file: label });
    const values: { raw: unknown; line: number }[] = [];
    for await (const w of pq.windows()) w.rows.forEach((r, i) => values.push({ raw: r[column], line: w.start + i + 1 }));
    return collect(values, column.toLowerCase() as BlockEntryKind);
  }
  const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new AppError('not_found', `${label}: cannot read it (${e.code ?? e.message})`, { file: label });
  });
  if (/\.csv$/i.test(file)) {
    let records: string[][];
    try {
      records = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (err) {
      throw new AppError('bad_request', `${label}: not valid CSV (${err instanceof Error ? err.message : String(err)})`, { file: label });
    }
    const header = records[0] ?? [];
    const column = columnOf(header);
    if (!column) throw new AppError('bad_request', `${label}: the header needs a url, domain or hash column`, { file: label });
    const at = header.indexOf(column);
    return collect(records.slice(1).map((r, i) => ({ raw: r[at], line: i + 2 })), column.toLowerCase() as BlockEntryKind);
  }
  return collect(text.split(/\r?\n/).map((raw, i) => ({ raw, line: i + 1 })));
}

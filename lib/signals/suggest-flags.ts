// Sieve's suggestions for the review queue: pairs whose LAION scores pass a rule's threshold, and captions holding
// private data, become open machine flags (lib/flags) that a reviewer confirms or rejects. Used by `sieve suggest`,
// by ingest for the rows it adds, and by the `suggest` job.
import type { Db } from '../db/client';
import { AppError } from '../errors/app-error';
import { resolveDataset } from '../datasets/resolve-dataset';
import { writeSuggestionsIn } from '../flags/write-flags';
import { describePii, findPii, phoneCountry } from './find-pii';
import { findCaptionsAfter, findPairsAboveThreshold } from './sql';
import { describeSignal, signalRules, type SignalColumn } from './suggestion-rules';

const BATCH = 5_000;

export interface SuggestOptions {
  dataset: string;
  /** Only pairs with a larger id (ingest passes the last id before its load). */
  afterId?: number;
  thresholds?: Partial<Record<SignalColumn, number>>;
  pii?: boolean;
  jobId?: number | null;
  signal?: AbortSignal;
  onProgress?: (step: string, suggested: number) => void;
}

export interface SuggestSummary {
  dataset: string;
  /** New suggestions per rule (a re-run counts only what it added). */
  byRule: Record<string, number>;
  total: number;
}

export async function suggestFlags(db: Db, o: SuggestOptions): Promise<SuggestSummary> {
  if (!o.dataset) throw new AppError('bad_request', 'dataset: name the dataset to scan (--dataset <name>)');
  const rules = signalRules(o.thresholds);
  const datasetId = (await resolveDataset(db, { name: o.dataset }))!.id;
  const byRule: Record<string, number> = {};
  for (const rule of rules) {
    const name = `${rule.signal} > ${rule.threshold}`;
    byRule[name] = 0;
    for (let after = o.afterId ?? 0; ; ) {
      o.signal?.throwIfAborted();
      const rows = await findPairsAboveThreshold(db, datasetId, rule.signal, rule.threshold, after, BATCH);
      if (rows.length === 0) break;
      const items = rows.map((r) => ({ pairId: r.id, note: describeSignal(rule, r.value) }));
      byRule[name] += await db.tx((tx) => writeSuggestionsIn(tx, { datasetId: datasetId, reason: rule.reason, rule: name, items, jobId: o.jobId }));
      after = rows[rows.length - 1].id;
      o.onProgress?.(name, byRule[name]);
    }
  }
  if (o.pii !== false) {
    const name = 'private data in captions';
    const country = phoneCountry();
    byRule[name] = 0;
    for (let after = o.afterId ?? 0; ; ) {
      o.signal?.throwIfAborted();
      const rows = await findCaptionsAfter(db, datasetId, after, BATCH);
      if (rows.length === 0) break;
      const items = rows.flatMap((r) => {
        const found = findPii(r.caption, country);
        return found.length ? [{ pairId: r.id, note: describePii(found) }] : [];
      });
      if (items.length) byRule[name] += await db.tx((tx) => writeSuggestionsIn(tx, { datasetId: datasetId, reason: 'pii', rule: name, items, jobId: o.jobId }));
      after = rows[rows.length - 1].id;
      o.onProgress?.(name, byRule[name]);
    }
  }
  return { dataset: o.dataset, byRule, total: Object.values(byRule).reduce((a, b) => a + b, 0) };
}

// A dataset's overview: counts, ingest history, histograms, top domains, languages and licences, and flags, from a
// handful of grouped queries (one scan of the dataset's pairs each at most). Duplicates are asked for on their own
// (count-exact-duplicates.ts, sample-near-duplicates.ts): they cost more, and the page need not wait for them.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { getDb } from '../db/get-db';
import { selectDatasetRow } from '../datasets/sql';
import { countDatasetFlags } from '../flags/sql';
import { countHiddenPairs } from '../pairs/hiding-sql';
import { histogramEdges } from './histogram-edges';
import {
  CATEGORY_KINDS,
  HISTOGRAM_COLUMNS,
  INTEGER_COLUMNS,
  type DatasetOverview,
  type Histogram,
  type HistogramColumn,
  type TopValues,
} from './overview-schemas';
import { selectHistogramCounts, selectIngestHistory, selectOverviewCounts, selectTopValues, type CategoryRow, type ColumnRange } from './sql';

/** Values listed per kind (domains, languages, licences). */
export const TOP_VALUES = 20;
/** Shards listed in the ingest history; the totals count every one. */
export const RECENT_SHARDS = 50;
/**
 * Memory for the grouped queries, for this transaction only: the top values' groups (a domain each) and their ranking
 * stay in memory instead of spilling at PostgreSQL's default 4 MB.
 */
export const OVERVIEW_WORK_MEM_MB = 64;

export async function getDatasetOverview(name: string, db: Db = getDb()): Promise<DatasetOverview> {
  const started = performance.now();
  return db.tx(
    async (q) => {
      const dataset = await selectDatasetRow(q, name);
      if (!dataset) throw new AppError('not_found', `dataset "${name}" does not exist`);
      const counts = await selectOverviewCounts(q, dataset.id);
      const edges = edgesOf(counts.ranges);
      const bars = await selectHistogramCounts(q, dataset.id, edges);
      const categories = await selectTopValues(q, dataset.id, TOP_VALUES);
      const flags = await countDatasetFlags(q, dataset.id);
      const ingest = await selectIngestHistory(q, dataset.id, RECENT_SHARDS);
      const hidden = await countHiddenPairs(q, dataset.id);
      return {
        dataset,
        counts: { pairs: counts.pairs, withImageEmbedding: counts.withImg, withTextEmbedding: counts.withTxt, flagged: flags.flaggedPairs, hidden },
        ingest,
        histograms: HISTOGRAM_COLUMNS.map((c) => toHistogram(c, edges[c] ?? [], bars.filter((b) => b.column === c), counts.pairs - counts.ranges[c].n)),
        top: CATEGORY_KINDS.map((kind) => toTopValues(kind, categories.filter((r) => r.kind === kind))),
        flags: flags.byReason.map((f) => ({ reason: f.reason, state: f.state, count: f.n })),
        tookMs: Math.round(performance.now() - started),
      };
    },
    { prelude: `SET LOCAL work_mem = '${OVERVIEW_WORK_MEM_MB}MB'` },
  );
}

// Scores are stored as real: 0.7 reads back as 0.699999988, which would start the bars a step early.
const asStored = (v: number, integer: boolean) => (integer ? v : Number(v.toPrecision(REAL_DIGITS)));
const REAL_DIGITS = 7;

function edgesOf(ranges: Record<HistogramColumn, ColumnRange>): Partial<Record<HistogramColumn, number[]>> {
  const edges: Partial<Record<HistogramColumn, number[]>> = {};
  for (const c of HISTOGRAM_COLUMNS) {
    const { min, max } = ranges[c];
    const integer = INTEGER_COLUMNS.has(c);
    if (min !== null && max !== null) edges[c] = histogramEdges(asStored(min, integer), asStored(max, integer), integer);
  }
  return edges;
}

function toHistogram(column: HistogramColumn, edges: number[], bars: { bucket: number; n: number }[], missing: number): Histogram {
  const bins = edges.slice(1).map((hi, i) => ({ lo: edges[i], hi, count: 0 }));
  // Bucket n + 1 is a value on the last edge (the last bar is closed); a row ingested after the range was read may
  // fall outside it and is counted in the nearest bar.
  for (const b of bars) if (bins.length) bins[Math.min(Math.max(b.bucket, 1), bins.length) - 1].count += b.n;
  return { column, bins, missing };
}

function toTopValues(kind: TopValues['kind'], rows: CategoryRow[]): TopValues {
  return { kind, items: rows.map((r) => ({ value: r.value, count: r.n })), distinct: rows[0]?.distinct_values ?? 0 };
}

'use client';
import { useState } from 'react';
import type { ExportSummary } from '@/lib/export/schemas';
import { ErrorNotice, Notice } from '../notice';
import { useDatasets } from '../queries/use-datasets';
import { useExports } from '../queries/use-exports';
import { ExportDialog } from './export-dialog';

const CELL = 'px-3 py-2 text-left align-top';
const size = (b: number | null) => (b === null ? '' : b < 1024 ? `${b} B` : b < 1024 ** 2 ? `${(b / 1024).toFixed(1)} kB` : `${(b / 1024 ** 2).toFixed(1)} MB`);

function what(e: ExportSummary): string {
  const s = e.request.source;
  const from = s.kind === 'dataset' ? `dataset ${s.dataset}` : s.kind === 'duplicates' ? `duplicates of #${s.pairId}` : `search in ${s.query.dataset ?? 'the first dataset'}`;
  const rule = e.request.rule.keep === 'flagged' ? `flagged (${e.request.rule.reasons?.join(', ') ?? 'any reason'})` : e.request.rule.keep;
  return `${from} · ${rule}`;
}

/** /exports: every export with its state, size, who and when; downloads; a removal list between two exports. */
export function ExportsView() {
  const exports = useExports();
  const datasets = useDatasets();
  const [dataset, setDataset] = useState<string | null>(null);
  const [pick, setPick] = useState<number[]>([]);
  const done = (exports.data ?? []).filter((e) => e.state === 'done');
  const [older, newer] = [...pick].sort((a, b) => a - b);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Exports</h1>
        <div className="flex items-center gap-2 text-sm">
          <select aria-label="Dataset to export" data-testid="export-dataset" defaultValue="" onChange={(e) => setDataset(e.target.value || null)} className="rounded-md border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900">
            <option value="">Export a whole dataset…</option>
            {datasets.data?.map((d) => <option key={d.id}>{d.name}</option>)}
          </select>
        </div>
      </div>
      {pick.length === 2 && (
        // A form post, so the browser saves the streamed answer itself (the list is written on the server: not a GET).
        <form data-testid="removal-list" method="post" action="/api/exports/diff" encType="multipart/form-data" className="rounded-md bg-amber-50 px-3 py-2 text-sm dark:bg-amber-950/40">
          Pairs in export {older} and not in export {newer}:{' '}
          <button type="submit" name="request" value={JSON.stringify({ from: older, to: newer, format: 'csv' })} className="underline">removal list (CSV)</button> ·{' '}
          <button type="submit" name="request" value={JSON.stringify({ from: older, to: newer, format: 'parquet' })} className="underline">Parquet</button>
        </form>
      )}
      {exports.isError ? (
        <ErrorNotice error={exports.error} onRetry={() => exports.refetch()} />
      ) : exports.data?.length === 0 ? (
        <Notice title="No exports yet"><p>Export a search from its results (Export…), or a whole dataset from the menu above.</p></Notice>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <table className="w-full text-sm" data-testid="exports-table">
            <thead className="border-b border-neutral-200 text-xs uppercase tracking-wide text-neutral-500 dark:border-neutral-800">
              <tr><th className={CELL}><span className="sr-only">Compare</span></th><th className={CELL}>#</th><th className={CELL}>What</th><th className={CELL}>Format</th><th className={CELL}>State</th><th className={CELL}>Rows</th><th className={CELL}>Size</th><th className={CELL}>Who, when</th><th className={CELL} /></tr>
            </thead>
            <tbody>
              {(exports.data ?? []).map((e) => (
                <tr key={e.id} data-testid="export-row" data-export-id={e.id} data-state={e.state} className="border-b border-neutral-100 last:border-0 dark:border-neutral-800">
                  <td className={CELL}>
                    {e.state === 'done' && done.length > 1 && (
                      <input type="checkbox" aria-label={`Compare export ${e.id}`} checked={pick.includes(e.id)} onChange={(x) => setPick((p) => (x.target.checked ? [...p, e.id].slice(-2) : p.filter((i) => i !== e.id)))} />
                    )}
                  </td>
                  <td className={`${CELL} text-neutral-500`}>{e.id}</td>
                  <td className={`${CELL} break-words`}>{what(e)}</td>
                  <td className={CELL}>{e.format}</td>
                  <td className={CELL}>{e.state}{e.error ? <p className="text-xs text-red-700 dark:text-red-400">{e.error}</p> : null}</td>
                  <td className={`${CELL} tabular-nums`} data-testid="export-rows">{e.rows?.toLocaleString('en') ?? ''}</td>
                  <td className={`${CELL} whitespace-nowrap`}>{size(e.bytes)}</td>
                  <td className={`${CELL} whitespace-nowrap text-neutral-500`}>{e.createdByEmail ?? e.createdBy ?? ''}<br />{e.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td className={CELL}>{e.state === 'done' && <a data-testid="export-download" href={`/api/exports/${e.id}/download`} className="text-sky-700 underline dark:text-sky-400">Download</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dataset && <ExportDialog source={{ kind: 'dataset', dataset }} title={`dataset “${dataset}”`} ranked={false} onClose={() => setDataset(null)} />}
    </div>
  );
}

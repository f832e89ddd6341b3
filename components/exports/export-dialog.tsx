'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FLAG_REASONS, REASON_INFO, type FlagReason } from '@/lib/flags/reasons';
import { EXPORT_FORMATS, MAX_EXPORT_TOP_K, type ExportFormat, type ExportRequestInput, type ExportSource } from '@/lib/export/schemas';
import { useCreateExport } from '../queries/use-exports';
import { useToast } from '../toast';

const KEEP = [
  ['clean', 'Clean: leave out pairs with a confirmed flag'],
  ['strict', 'Strict: also leave out pairs with an open flag'],
  ['none', 'Everything (still never suspected CSAM)'],
  ['flagged', 'Only flagged pairs (an audit or removal list)'],
] as const;
const FORMAT_INFO: Record<ExportFormat, string> = {
  parquet: 'Parquet with LAION columns (img2dataset reads it)',
  jsonl: 'JSON lines',
  csv: 'CSV (RFC 4180)',
  urls: 'URL list',
  npy: 'Embeddings: clip-retrieval folder (metadata/ + img_emb/ + text_emb/, float16)',
};

/** What to export from a search or dataset: which flagged pairs stay out, how many, which format. Runs as a job. */
export function ExportDialog({ source, title, ranked, onClose }: { source: ExportSource; title: string; ranked: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [keep, setKeep] = useState<(typeof KEEP)[number][0]>('clean');
  const [reasons, setReasons] = useState<FlagReason[]>([]);
  const create = useCreateExport();
  const toast = useToast();
  useEffect(() => ref.current?.showModal(), []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const k = Number(form.get('k'));
    const request: ExportRequestInput = {
      source: source.kind === 'query' && ranked && k > 0 ? { ...source, k } : source,
      rule: keep === 'flagged' ? { keep, ...(reasons.length ? { reasons } : {}) } : { keep },
      format: String(form.get('format')) as ExportFormat,
    };
    create.mutate(request, {
      onSuccess: (r) => {
        toast({ message: `Export ${r.export.id} queued: it runs in the background.`, href: '/exports' });
        ref.current?.close();
      },
    });
  };
  return (
    <dialog ref={ref} data-testid="export-dialog" onClose={onClose} className="m-auto w-full max-w-lg rounded-lg border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-100">
      <form onSubmit={submit} className="space-y-4 p-5">
        <h2 className="text-lg font-semibold">Export {title}</h2>
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-medium">Which pairs</legend>
          {KEEP.map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="keep" value={value} checked={keep === value} onChange={() => setKeep(value)} data-testid={`export-keep-${value}`} /> {label}
            </label>
          ))}
          {keep === 'flagged' && (
            <div className="grid grid-cols-2 gap-1 pl-6">
              {FLAG_REASONS.map((r) => (
                <label key={r} className="flex items-center gap-1 text-xs">
                  <input type="checkbox" checked={reasons.includes(r)} onChange={(e) => setReasons((xs) => (e.target.checked ? [...xs, r] : xs.filter((x) => x !== r)))} />
                  {REASON_INFO[r].label}
                </label>
              ))}
              <p className="col-span-2 text-xs text-neutral-500">None ticked: every reason. Suspected CSAM is listed by id and reason only.</p>
            </div>
          )}
        </fieldset>
        {ranked && (
          <label className="flex items-center gap-2 text-sm">
            A ranked search: its top
            <input name="k" type="number" min={1} max={MAX_EXPORT_TOP_K} defaultValue={1000} className="w-28 rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900" />
            results
          </label>
        )}
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Format</span>
          <select name="format" data-testid="export-format" defaultValue="parquet" className="w-full rounded border border-neutral-300 px-2 py-1.5 dark:border-neutral-700 dark:bg-neutral-900">
            {EXPORT_FORMATS.map((f) => <option key={f} value={f}>{FORMAT_INFO[f]}</option>)}
          </select>
        </label>
        {create.error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{create.error.message}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => ref.current?.close()} className="rounded-md border border-neutral-300 px-3 py-1.5 text-sm dark:border-neutral-700">Cancel</button>
          <button type="submit" data-testid="export-confirm" disabled={create.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-neutral-100 dark:text-neutral-900">Export</button>
        </div>
      </form>
    </dialog>
  );
}

'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FLAG_REASONS, NOTE_REQUIRED, REASON_INFO, type FlagReason } from '@/lib/flags/reasons';
import { MAX_FLAG_TOP_K, type FlagTarget } from '@/lib/flags/schemas';
import { useFlagPairs, useFlagPreview } from '../queries/use-flags';
import { useToast } from '../toast';

const fmt = (n: number) => n.toLocaleString('en');
/** The digit that picks each reason in the dialog and after `f` on a card: 1–9, then 0 for the tenth. */
export const reasonKey = (i: number) => String((i + 1) % 10);

interface FlagDialogProps {
  target: FlagTarget;
  /** What is being flagged, in words ("pair #12", "3 selected pairs", "every result of this search"). */
  title: string;
  initialReason?: FlagReason;
  onClose: (flagged: boolean) => void;
}

/** Pick a reason (and a note), see how many pairs that is, confirm. Large targets go to a background job. */
export function FlagDialog({ target, title, initialReason, onClose }: FlagDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<FlagReason | null>(initialReason ?? null);
  const [k, setK] = useState(1000);
  const effective: FlagTarget = target.kind === 'query' ? { ...target, k } : target;
  const preview = useFlagPreview(effective);
  const flag = useFlagPairs();
  const toast = useToast();
  useEffect(() => ref.current?.showModal(), []);

  const count = target.kind === 'pairs' ? target.pairIds.length : preview.data?.count;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!reason) return;
    const note = String(new FormData(e.currentTarget).get('note') ?? '').trim();
    flag.mutate(
      { target: effective, reason, ...(note ? { note } : {}) },
      {
        onSuccess: (r) => {
          if (r.job) toast({ message: `Flagging ${fmt(r.matched ?? 0)} pairs as ${REASON_INFO[reason].label} in the background (job ${r.job.id}).`, href: '/jobs' });
          else toast({ message: `${fmt(r.flagged ?? 0)} pair${r.flagged === 1 ? '' : 's'} flagged as ${REASON_INFO[reason].label}${r.flagged !== r.matched ? ` (${fmt((r.matched ?? 0) - (r.flagged ?? 0))} already were)` : ''}.` });
          onClose(true);
        },
      },
    );
  };
  const pick = (e: React.KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'TEXTAREA' || (e.target as HTMLElement).tagName === 'INPUT') return;
    const i = FLAG_REASONS.findIndex((_, idx) => reasonKey(idx) === e.key);
    if (i >= 0) setReason(FLAG_REASONS[i]);
  };
  return (
    <dialog ref={ref} data-testid="flag-dialog" onClose={() => onClose(false)} onKeyDown={pick} className="m-auto w-full max-w-lg rounded-lg border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-100">
      <form onSubmit={submit} className="space-y-4 p-5">
        <h2 className="text-lg font-semibold">Flag {title}</h2>
        {target.kind !== 'pairs' && (
          <p data-testid="flag-count" className="text-sm">
            {preview.isPending ? 'Counting…' : preview.isError ? preview.error.message : `${fmt(count ?? 0)} pairs${preview.data?.dataset ? ` in “${preview.data.dataset}”` : ''}${preview.data?.background ? ', flagged by a background job' : ''}.`}
          </p>
        )}
        {preview.data?.mode && ['semantic', 'hybrid'].includes(preview.data.mode) && (
          <label className="flex items-center gap-2 text-sm">
            A ranked search: flag its top
            <input type="number" min={1} max={MAX_FLAG_TOP_K} value={k} onChange={(e) => setK(Math.min(MAX_FLAG_TOP_K, Math.max(1, Number(e.target.value) || 1)))} data-testid="flag-k" className="w-28 rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900" />
            results
          </label>
        )}
        <fieldset className="grid gap-1 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-medium">Reason (press its number)</legend>
          {FLAG_REASONS.map((r, i) => (
            <label key={r} title={REASON_INFO[r].description} className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm ${reason === r ? 'bg-sky-100 dark:bg-sky-900/50' : 'hover:bg-neutral-100 dark:hover:bg-neutral-800'}`}>
              <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} data-testid={`flag-reason-${r}`} />
              <kbd className="rounded border border-neutral-300 px-1 font-mono text-[10px] dark:border-neutral-600">{reasonKey(i)}</kbd>
              {REASON_INFO[r].label}
            </label>
          ))}
        </fieldset>
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Note{reason && NOTE_REQUIRED.includes(reason) ? ' (required)' : ' (optional)'}</span>
          <textarea name="note" maxLength={2000} required={Boolean(reason && NOTE_REQUIRED.includes(reason))} rows={2} className="w-full rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900" />
        </label>
        {flag.error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{flag.error.message}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => ref.current?.close()} className="rounded-md border border-neutral-300 px-3 py-1.5 text-sm dark:border-neutral-700">Cancel</button>
          <button type="submit" data-testid="flag-confirm" disabled={!reason || flag.isPending || (target.kind !== 'pairs' && !preview.data?.count)} className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
            {flag.isPending ? 'Flagging…' : `Flag${count !== undefined ? ` ${fmt(count)}` : ''}`}
          </button>
        </div>
      </form>
    </dialog>
  );
}

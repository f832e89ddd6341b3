'use client';
import type { TakedownDetail, TakedownItem } from '@/lib/takedowns/schemas';
import { PairImage } from '../browse/pair-image';
import { ErrorNotice } from '../notice';
import { takedownCall, useTakedown, useTakedownAction } from '../queries/use-takedowns';
import { useToast } from '../toast';
import { TakedownHistory } from './takedown-history';

const BUTTON = 'rounded-md border border-neutral-300 px-3 py-1.5 text-sm hover:bg-neutral-100 disabled:opacity-50 dark:border-neutral-700 dark:hover:bg-neutral-800';

/** /takedowns/<id>: the request, its items and a preview of what each matched, then apply and close. */
export function TakedownDetailView({ id }: { id: number }) {
  const t = useTakedown(id);
  const toast = useToast();
  const onError = (err: Error) => toast({ message: err.message, tone: 'error' });
  const match = useTakedownAction(id, () => takedownCall(id, 'match'));
  const apply = useTakedownAction(id, () => takedownCall<{ pairs: number; flagged?: number; job?: { id: number } }>(id, 'apply'));
  const change = useTakedownAction(id, (body: Record<string, unknown>) => takedownCall(id, 'matches', body, 'PATCH'));
  const close = useTakedownAction(id, (body: Record<string, unknown>) => takedownCall(id, 'close', body));
  if (t.isError) return <ErrorNotice error={t.error} onRetry={() => t.refetch()} />;
  if (!t.data) return <div role="status" aria-label="Loading…" className="h-64 animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" />;
  const d = t.data;
  const open = d.state !== 'closed' && d.state !== 'rejected';
  return (
    <article data-testid="takedown" data-state={d.state} className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold tracking-tight">Takedown #{d.id}: {d.requester}</h1>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">
          {d.kind} → flags as <strong>{d.reason}</strong> · received {d.receivedOn} · due <span className={d.overdue ? 'font-semibold text-red-700' : ''}>{d.dueOn}</span> · <span data-testid="takedown-state">{d.state}</span>
          {d.contact ? ` · ${d.contact}` : ''}
        </p>
        {d.statement && <p className="whitespace-pre-wrap break-words text-sm">{d.statement}</p>}
      </header>
      <div className="flex flex-wrap gap-2">
        {open && <button type="button" data-testid="takedown-match" className={BUTTON} disabled={match.isPending} onClick={() => match.mutate(undefined, { onError })}>{match.isPending ? 'Matching…' : d.state === 'received' ? 'Find matches' : 'Match again'}</button>}
        {open && d.state !== 'received' && (
          <button type="button" data-testid="takedown-apply" className={`${BUTTON} border-red-300 text-red-800 dark:text-red-300`} disabled={apply.isPending || d.matches === 0} onClick={() => apply.mutate(undefined, {
            onError, onSuccess: (r) => toast({ message: r.job ? `Flagging ${r.pairs} pairs in the background (job ${r.job.id}).` : `${r.flagged} pairs flagged.`, href: r.job ? '/jobs' : undefined }),
          })}>Apply to {d.matches} pairs</button>
        )}
        {open && <button type="button" data-testid="takedown-close" className={BUTTON} onClick={() => close.mutate({ action: 'close' }, { onError })}>Close</button>}
        {open && <button type="button" className={BUTTON} onClick={() => { const reason = window.prompt('Why is the request rejected?'); if (reason) close.mutate({ action: 'reject', reason }, { onError }); }}>Reject…</button>}
        <a className={BUTTON} href={`/api/takedowns/${d.id}/evidence?format=json`}>Evidence (JSON)</a>
        <a className={BUTTON} href={`/api/takedowns/${d.id}/evidence?format=csv`}>Matches (CSV)</a>
      </div>
      {d.items.map((item) => <ItemPreview key={item.id} item={item} d={d} onChange={(body) => change.mutate(body, { onError })} />)}
      <TakedownHistory id={d.id} />
    </article>
  );
}

function ItemPreview({ item, d, onChange }: { item: TakedownItem; d: TakedownDetail; onChange: (body: Record<string, unknown>) => void }) {
  const samples = d.samples.filter((s) => s.itemId === item.id);
  return (
    <section data-testid="takedown-item" data-item-id={item.id} className="space-y-2 rounded-lg border border-neutral-200 bg-white p-3 dark:border-neutral-800 dark:bg-neutral-900">
      <h2 className="text-sm font-semibold">
        {item.kind}: <span className="break-all font-normal">{item.value ?? (item.hasImage ? 'an uploaded image' : '')}</span> · <span data-testid="item-matches">{item.matches}</span> match{item.matches === 1 ? '' : 'es'}
        {item.excluded ? ` (${item.excluded} dropped)` : ''}
      </h2>
      {item.kind === 'image' && (
        <label className="flex items-center gap-2 text-xs">
          Threshold (cosine)
          <input type="number" step={0.01} min={0.5} max={1} defaultValue={item.threshold ?? 0.92} onBlur={(e) => Number(e.target.value) !== item.threshold && onChange({ itemId: item.id, threshold: Number(e.target.value) })} className="w-20 rounded border border-neutral-300 px-1 dark:border-neutral-700 dark:bg-neutral-900" />
        </label>
      )}
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-2">
        {samples.map((s) => (
          <li key={s.pair.id} data-testid="match-card" data-pair-id={s.pair.id} className={`overflow-hidden rounded border text-xs ${s.excluded ? 'border-neutral-200 opacity-50 dark:border-neutral-800' : 'border-red-300 dark:border-red-900'}`}>
            <PairImage pair={s.pair} />
            <label className="flex items-center gap-1 p-1">
              <input type="checkbox" data-testid="match-keep" checked={!s.excluded} onChange={(e) => onChange({ itemId: item.id, pairId: s.pair.id, excluded: !e.target.checked })} />
              #{s.pair.id}{s.similarity !== null ? ` · ${s.similarity.toFixed(3)}` : ''}
            </label>
            <p className="line-clamp-2 px-1 pb-1 break-words text-neutral-600 dark:text-neutral-400">{s.pair.caption}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

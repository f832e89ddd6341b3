'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FLAG_REASONS, REASON_INFO } from '@/lib/flags/reasons';
import type { ReviewItem } from '@/lib/flags/schemas';
import type { HidingLink } from '@/lib/pairs/hiding-sql';
import { PairImage } from '../browse/pair-image';
import { PairScores } from '../browse/pair-scores';
import { FlagList } from '../flags/flag-list';
import { ErrorNotice, Notice } from '../notice';
import { ApiError } from '../queries/fetch-api';
import { useDatasets } from '../queries/use-datasets';
import { useDecideFlag, useUndoDecision } from '../queries/use-flags';
import { useReviewQueue, type ReviewFilters } from '../queries/use-review';
import { useToast } from '../toast';

const KEYS = [['y', 'confirm the flag'], ['n', 'reject the flag'], ['j', 'next'], ['k', 'previous'], ['u', 'undo your last decision'], ['?', 'show or hide these keys']] as const;
/** Fetch the next page when this few undecided items are left, so the next pair is always already there. */
const PREFETCH_AT = 5;
const SELECT = 'rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm dark:border-neutral-700 dark:bg-neutral-900';

/** /review: open flags one pair at a time, decided from the keyboard; decisions are conditional and audited. */
export function ReviewView() {
  const [filters, setFilters] = useState<ReviewFilters>({});
  const queue = useReviewQueue(filters);
  const datasets = useDatasets();
  const decide = useDecideFlag();
  const undo = useUndoDecision();
  const toast = useToast();
  const [decided, setDecided] = useState<Map<number, 'confirmed' | 'rejected'>>(new Map());
  const [history, setHistory] = useState<number[]>([]);
  const [index, setIndex] = useState(0);
  const [help, setHelp] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const items = useMemo(() => (queue.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => !decided.has(i.flag.id)), [queue.data, decided]);
  const first = queue.data?.pages[0];
  const item: ReviewItem | undefined = items[Math.min(index, Math.max(items.length - 1, 0))];
  const next = items[index + 1];

  useEffect(() => {
    if (items.length - index <= PREFETCH_AT && queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
  }, [items.length, index, queue]);
  useEffect(() => {
    // The browser has the next image before the reviewer gets there.
    if (next?.pair.imageSrc) new Image().src = next.pair.imageSrc;
  }, [next]);
  useEffect(() => root.current?.focus(), []);

  const act = (decision: 'confirm' | 'reject') => {
    if (!item) return;
    const id = item.flag.id;
    setDecided((m) => new Map(m).set(id, decision === 'confirm' ? 'confirmed' : 'rejected'));
    decide.mutate(
      { id, decision },
      {
        onSuccess: () => setHistory((h) => [...h, id]),
        onError: (err) => {
          // Someone else decided first: their decision stands and the pair stays out of the queue.
          if (err instanceof ApiError && err.status === 409) return toast({ message: err.message });
          setDecided((m) => { const c = new Map(m); c.delete(id); return c; });
          toast({ message: err.message, tone: 'error' });
        },
      },
    );
  };
  const undoLast = () => {
    const id = history.at(-1);
    if (id === undefined) return toast({ message: 'Nothing to undo.' });
    undo.mutate(id, {
      onSuccess: () => {
        setHistory((h) => h.slice(0, -1));
        setDecided((m) => { const c = new Map(m); c.delete(id); return c; });
        toast({ message: `Decision on flag ${id} undone.` });
      },
      onError: (err) => toast({ message: err.message, tone: 'error' }),
    });
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || ['INPUT', 'SELECT', 'TEXTAREA'].includes((e.target as HTMLElement).tagName)) return;
    const actions: Record<string, () => void> = {
      y: () => act('confirm'), n: () => act('reject'), j: () => setIndex((i) => Math.min(i + 1, items.length - 1)),
      k: () => setIndex((i) => Math.max(i - 1, 0)), u: undoLast, '?': () => setHelp((h) => !h),
    };
    const run = actions[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };
  const setFilter = (patch: ReviewFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setIndex(0);
  };

  return (
    <div ref={root} tabIndex={-1} onKeyDown={onKey} data-testid="review" className="space-y-4 outline-none">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Review</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <select aria-label="Reason" data-testid="review-reason" value={filters.reason ?? ''} onChange={(e) => setFilter({ reason: (e.target.value || undefined) as ReviewFilters['reason'] })} className={SELECT}>
            <option value="">All reasons</option>
            {FLAG_REASONS.map((r) => <option key={r} value={r}>{REASON_INFO[r].label} ({first?.counts[r] ?? 0})</option>)}
          </select>
          <select aria-label="Dataset" value={filters.dataset ?? ''} onChange={(e) => setFilter({ dataset: e.target.value || undefined })} className={SELECT}>
            <option value="">All datasets</option>
            {datasets.data?.map((d) => <option key={d.id}>{d.name}</option>)}
          </select>
          <select aria-label="Origin" value={filters.origin ?? ''} onChange={(e) => setFilter({ origin: (e.target.value || undefined) as ReviewFilters['origin'] })} className={SELECT}>
            <option value="">People and machine</option>
            <option value="human">Raised by people</option>
            <option value="machine">Suggested by Sieve</option>
          </select>
          <select aria-label="Age" value={filters.olderThanHours ?? ''} onChange={(e) => setFilter({ olderThanHours: e.target.value ? Number(e.target.value) : undefined })} className={SELECT}>
            <option value="">Any age</option>
            <option value="24">Older than a day</option>
            <option value="168">Older than a week</option>
          </select>
          <button type="button" onClick={() => setHelp((h) => !h)} className="rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700">Keys (?)</button>
        </div>
      </div>
      {help && (
        <dl data-testid="review-keys" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md border border-neutral-200 bg-white p-3 text-sm dark:border-neutral-800 dark:bg-neutral-900">
          {KEYS.map(([k, what]) => (<><dt key={k}><kbd className="rounded border px-1 font-mono">{k}</kbd></dt><dd key={`${k}-d`}>{what}</dd></>))}
        </dl>
      )}
      {first && first.ownWaiting > 0 && <p className="text-xs text-neutral-500">{first.ownWaiting} flag{first.ownWaiting === 1 ? '' : 's'} you raised wait for another reviewer (four eyes).</p>}
      {queue.isError ? (
        <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.isPending ? (
        <div role="status" aria-label="Loading the queue…" className="h-96 animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" />
      ) : !item ? (
        <Notice title="Nothing to review">
          <p>No open flags match these filters{decided.size ? `; you decided ${decided.size} in this session` : ''}.</p>
        </Notice>
      ) : (
        <ReviewCard item={item} position={`${index + 1} of ${items.length}${queue.hasNextPage ? '+' : ''}`} onDecide={act} busy={decide.isPending} />
      )}
    </div>
  );
}

function ReviewCard({ item, position, onDecide, busy }: { item: ReviewItem; position: string; onDecide: (d: 'confirm' | 'reject') => void; busy: boolean }) {
  const { flag, pair } = item;
  return (
    <article data-testid="review-item" data-flag-id={flag.id} data-pair-id={pair.id} className="grid gap-6 md:grid-cols-[minmax(0,28rem)_1fr]">
      <div className="self-start overflow-hidden rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
        <PairImage pair={pair} full />
      </div>
      <div className="min-w-0 space-y-4">
        <p className="text-xs text-neutral-500">{position} · pair <a href={`/pairs/${pair.id}`} className="underline">#{pair.id}</a> in {pair.datasetName}{pair.domain ? ` · ${pair.domain}` : ''}</p>
        <h2 className="text-lg font-semibold">Flagged as {REASON_INFO[flag.reason].label}</h2>
        <p data-testid="review-caption" className="whitespace-pre-wrap break-words">{pair.caption ?? <span className="italic text-neutral-400">no caption</span>}</p>
        <PairScores pair={pair} />
        <FlagList flags={item.flags} />
        <HidingLinks hiding={item.hiding} />
        <div className="flex gap-2">
          <button type="button" data-testid="review-confirm" disabled={busy} onClick={() => onDecide('confirm')} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white">Confirm (y)</button>
          <button type="button" data-testid="review-reject" disabled={busy} onClick={() => onDecide('reject')} className="rounded-md border border-neutral-300 px-4 py-2 text-sm font-medium dark:border-neutral-700">Reject (n)</button>
        </div>
      </div>
    </article>
  );
}

const CAUSE: Record<HidingLink['cause'], string> = { flag: 'its own flag', url: 'the same URL', lookalike: 'a look-alike image' };
const by = (l: HidingLink) => `${CAUSE[l.cause]}${l.cosine !== null ? `, cosine ${l.cosine.toFixed(3)}` : ''}`;

/** Pair ids and causes only: a hidden pair's page answers 404, so nothing here leads to an image. */
function HidingLinks({ hiding }: { hiding: ReviewItem['hiding'] }) {
  if (hiding.hides.length === 0 && hiding.copies.length === 0) return null;
  return (
    <div data-testid="review-hiding" className="space-y-1 rounded-md border border-neutral-200 p-3 text-sm dark:border-neutral-800">
      {hiding.copies.map((l) => <p key={`c${l.sourcePairId}`}>Hidden as a copy of pair #{l.sourcePairId}, by {by(l)}.</p>)}
      {hiding.hides.length > 0 && (
        <>
          <p>As long as this flag stands it also hides {hiding.hides.length} pair{hiding.hides.length === 1 ? '' : 's'} (a rejection shows each that nothing else hides):</p>
          <ul className="list-disc pl-5">
            {hiding.hides.map((l) => <li key={`h${l.pairId}`}>#{l.pairId} in {l.dataset}, by {by(l)}</li>)}
          </ul>
        </>
      )}
    </div>
  );
}

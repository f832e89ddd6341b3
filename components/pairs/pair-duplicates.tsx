'use client';
import { useState } from 'react';
import { DUPLICATE_GROUP_CAP, type DuplicateGroup, type DuplicateKind, type DuplicateMember } from '@/lib/similar/neighbour-schemas';
import type { PairDetail } from '@/lib/pairs/schemas';
import { ErrorNotice } from '../notice';
import { usePairDuplicates } from '../queries/use-pair-neighbours';
import { RELATED_GRID, RelatedPairCard, RelatedSection, RelatedSkeleton } from './pair-neighbours';

// A group can hold a thousand pairs; the page shows a screenful until asked for all.
const FIRST_SHOWN = 24;
const KIND_LABEL: Record<DuplicateKind, string> = { url: 'URL', hash: 'hash', image: 'image' };

/** "Duplicate group": how many pairs share the URL, the hash or the image, and each of them as a linked card. */
export function PairDuplicates({ pair }: { pair: PairDetail }) {
  const duplicates = usePairDuplicates(pair.id);
  return (
    <RelatedSection title="Duplicate group" testId="pair-duplicates">
      {duplicates.isPending ? (
        <RelatedSkeleton />
      ) : duplicates.isError ? (
        <ErrorNotice error={duplicates.error} onRetry={() => duplicates.refetch()} />
      ) : (
        // Keyed by pair: "show all" starts folded again on another pair's page.
        <DuplicateList key={pair.id} group={duplicates.data} showImages={!pair.hidden} />
      )}
    </RelatedSection>
  );
}

function DuplicateList({ group, showImages }: { group: DuplicateGroup; showImages: boolean }) {
  const [all, setAll] = useState(false);
  const shown = all ? group.members : group.members.slice(0, FIRST_SHOWN);
  const note = 'text-sm text-neutral-500 dark:text-neutral-400';
  return (
    <div className="space-y-2">
      <dl data-testid="duplicate-counts" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {(['url', 'hash', 'image'] as const).map((kind) => (
          <div key={kind} className="flex gap-1">
            <dt className="text-neutral-500 dark:text-neutral-400">By {KIND_LABEL[kind]}</dt>
            <dd className="tabular-nums">{group.counts[kind]}</dd>
          </div>
        ))}
      </dl>
      {group.truncated && <p className={note}>The group has more than {DUPLICATE_GROUP_CAP.toLocaleString('en')} pairs; these are the first.</p>}
      {group.imageReason && <p className={note}>Look-alike images were not searched: {group.imageReason}</p>}
      {!showImages && group.members.length > 0 && <p className={note}>Images of a hidden pair&rsquo;s duplicates are not shown.</p>}
      {group.members.length === 0 ? (
        <p className={note}>No other pair in this dataset shares its URL, hash or image.</p>
      ) : (
        <ul className={RELATED_GRID}>
          {shown.map((m) => (
            <li key={m.id}>
              <RelatedPairCard pair={m} label={matchLabel(m)} showImage={showImages} />
            </li>
          ))}
        </ul>
      )}
      {!all && group.members.length > FIRST_SHOWN && (
        <button type="button" onClick={() => setAll(true)} className="rounded-md border border-neutral-300 px-3 py-1 text-sm hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:hover:bg-neutral-800">
          Show all {group.members.length.toLocaleString('en')}
        </button>
      )}
    </div>
  );
}

function matchLabel(m: DuplicateMember): string {
  return m.matchedBy.map((k) => (k === 'image' && m.cosine !== null ? `image ${m.cosine.toFixed(3)}` : KIND_LABEL[k])).join(' · ');
}

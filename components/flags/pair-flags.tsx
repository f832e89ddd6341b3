'use client';
import { useState } from 'react';
import type { FlagTarget } from '@/lib/flags/schemas';
import type { PairDetail } from '@/lib/pairs/schemas';
import { FlagDialog } from './flag-dialog';
import { FlagList } from './flag-list';
import { useToast } from '../toast';
import { useDecideFlag, usePairFlags, useWithdrawFlag } from '../queries/use-flags';
import { useCan, useMe } from '../queries/use-me';

const BUTTON = 'rounded border border-neutral-300 px-2 py-0.5 text-xs hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800';
const ACTION = 'rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950';

/** The pair page's flags: the list, flag buttons for curators (this pair, its duplicates, its domain), decisions for reviewers. */
export function PairFlags({ pair, datasetName }: { pair: PairDetail; datasetName: string | undefined }) {
  const flags = usePairFlags(pair.id);
  const canFlag = useCan('curator');
  const canDecide = useCan('reviewer');
  const me = useMe().data?.user;
  const decide = useDecideFlag();
  const withdraw = useWithdrawFlag();
  const toast = useToast();
  const [dialog, setDialog] = useState<{ target: FlagTarget; title: string } | null>(null);
  const onError = (err: Error) => toast({ message: err.message, tone: 'error' });

  return (
    <section aria-label="Flags" data-testid="pair-flags" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">Flags</h2>
        {canFlag && (
          <div className="ml-auto flex flex-wrap gap-2">
            <button type="button" data-testid="flag-this" onClick={() => setDialog({ target: { kind: 'pairs', pairIds: [pair.id] }, title: `pair #${pair.id}` })} className={ACTION}>Flag…</button>
            <button type="button" data-testid="flag-duplicates" onClick={() => setDialog({ target: { kind: 'duplicates', pairId: pair.id }, title: `pair #${pair.id} and its duplicate group` })} className={ACTION}>Flag duplicate group…</button>
            {pair.domain && datasetName && (
              <button type="button" data-testid="flag-domain" onClick={() => setDialog({ target: { kind: 'domain', domain: pair.domain!, dataset: datasetName }, title: `everything from ${pair.domain} in ${datasetName}` })} className={ACTION}>
                Flag all from {pair.domain}…
              </button>
            )}
          </div>
        )}
      </div>
      {flags.data && (
        <FlagList
          flags={flags.data}
          actions={(f) => (
            <>
              {canDecide && f.state === 'open' && (
                <>
                  <button type="button" data-testid="decide-confirm" className={BUTTON} onClick={() => decide.mutate({ id: f.id, decision: 'confirm' }, { onError })}>Confirm</button>
                  <button type="button" data-testid="decide-reject" className={BUTTON} onClick={() => decide.mutate({ id: f.id, decision: 'reject' }, { onError })}>Reject</button>
                </>
              )}
              {f.state === 'open' && f.createdBy === me?.id && (
                <button type="button" data-testid="withdraw-flag" className={BUTTON} onClick={() => withdraw.mutate(f.id, { onError })}>Withdraw</button>
              )}
            </>
          )}
        />
      )}
      {dialog && <FlagDialog target={dialog.target} title={dialog.title} onClose={() => setDialog(null)} />}
    </section>
  );
}

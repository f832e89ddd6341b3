'use client';
import { useState, type FormEvent } from 'react';
import { FLAG_REASONS, REASON_INFO, type FlagReason } from '@/lib/flags/reasons';
import { ErrorNotice } from '../notice';
import { useDatasets } from '../queries/use-datasets';
import { useConceptRules, useDeleteConceptRule, useImportLaionConcepts, useQueueSuggestions, useSaveConceptRule } from '../queries/use-suggestions';
import { useToast } from '../toast';

const CELL = 'px-3 py-2 text-left align-middle';
const INPUT = 'rounded-md border border-neutral-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900';
const BUTTON = 'rounded-md border border-neutral-300 px-3 py-1.5 text-sm hover:bg-neutral-100 disabled:opacity-60 dark:border-neutral-700 dark:hover:bg-neutral-800';

/**
 * /admin/concept-rules: standing CLIP text prompts. Running them on a dataset raises suggestions (open machine
 * flags naming the rule) in /review; nothing is confirmed without a reviewer.
 */
export function ConceptRulesView() {
  const rules = useConceptRules();
  const remove = useDeleteConceptRule();
  const importLaion = useImportLaionConcepts();
  const error = remove.error ?? importLaion.error;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Concept rules</h1>
          <p className="max-w-2xl text-sm text-neutral-500 dark:text-neutral-400">
            A rule is a text prompt and a cosine: images of a dataset at or above it become suggestions for review, with the rule named. The cosine is
            CLIP&rsquo;s between an image and the prompt (LAION uses about 0.19&ndash;0.22 with ViT-L/14).
          </p>
        </div>
        <button type="button" data-testid="import-laion" disabled={importLaion.isPending} onClick={() => importLaion.mutate()} className={BUTTON}>
          Import LAION&rsquo;s NSFW concepts
        </button>
      </div>
      <AddRuleForm />
      <RunRules />
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error.message}</p>}
      {rules.isError ? (
        <ErrorNotice error={rules.error} onRetry={() => rules.refetch()} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <table className="w-full text-sm" data-testid="concept-rules-table">
            <thead className="border-b border-neutral-200 text-xs uppercase tracking-wide text-neutral-500 dark:border-neutral-800">
              <tr>
                <th className={CELL}>Name</th>
                <th className={CELL}>Prompt</th>
                <th className={CELL}>Cosine ≥</th>
                <th className={CELL}>Reason</th>
                <th className={CELL}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {(rules.data ?? []).map((r) => (
                <tr key={r.id} data-testid="concept-rule-row" className="border-b border-neutral-100 last:border-0 dark:border-neutral-800">
                  <td className={`${CELL} break-words`}>{r.name}</td>
                  <td className={`${CELL} break-words`}>{r.prompt}</td>
                  <td className={CELL}>{r.threshold.toFixed(3)}</td>
                  <td className={CELL}>{REASON_INFO[r.reason].label}</td>
                  <td className={`${CELL} text-right`}>
                    <button type="button" disabled={remove.isPending} onClick={() => remove.mutate(r.id)} className="rounded border border-neutral-300 px-2 py-1 text-xs hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800">
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
              {rules.data?.length === 0 && (
                <tr>
                  <td colSpan={5} className={`${CELL} text-neutral-500`}>No rules yet.</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function AddRuleForm() {
  const save = useSaveConceptRule();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: String(form.get('name')), prompt: String(form.get('prompt')), threshold: Number(form.get('threshold')), reason: String(form.get('reason')) as FlagReason };
    save.mutate(input, { onSuccess: () => (e.target as HTMLFormElement).reset() });
  };
  return (
    <form onSubmit={submit} data-testid="add-concept-rule" className="flex flex-wrap items-end gap-2 rounded-lg border border-neutral-200 bg-white p-3 dark:border-neutral-800 dark:bg-neutral-900">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Name
        <input name="name" required maxLength={100} className={INPUT} />
      </label>
      <label className="flex grow flex-col gap-1 text-xs font-medium">
        Prompt
        <input name="prompt" required maxLength={300} placeholder="a photo of a weapon" className={INPUT} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Cosine ≥
        <input name="threshold" type="number" required min={-0.99} max={0.99} step={0.001} defaultValue={0.22} className={`${INPUT} w-24`} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Reason
        <select name="reason" defaultValue="other" className={INPUT}>
          {FLAG_REASONS.map((r) => (
            <option key={r} value={r}>{REASON_INFO[r].label}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={save.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900">
        Save rule
      </button>
      {save.error && <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">{save.error.message}</p>}
    </form>
  );
}

function RunRules() {
  const datasets = useDatasets();
  const run = useQueueSuggestions('concept-rules');
  const toast = useToast();
  const [dataset, setDataset] = useState('');
  const chosen = dataset || datasets.data?.[0]?.name || '';
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-2">
        Run the rules on
        <select aria-label="Dataset" value={chosen} onChange={(e) => setDataset(e.target.value)} className={INPUT}>
          {(datasets.data ?? []).map((d) => (
            <option key={d.name}>{d.name}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!chosen || run.isPending}
        onClick={() => run.mutate(chosen, { onSuccess: ({ job }) => toast({ message: `Concept rules running on "${chosen}": job ${job.id}`, href: '/jobs' }), onError: (e) => toast({ message: e.message, tone: 'error' }) })}
        className={BUTTON}
      >
        Run
      </button>
    </div>
  );
}

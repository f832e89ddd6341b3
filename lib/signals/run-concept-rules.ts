// Runs concept rules against a dataset's image embeddings: each prompt is encoded once with CLIP's text tower and
// searched through lib/search page by page (the same HNSW search, hiding rule included) until the cosine falls under
// the rule's threshold; the matches become machine suggestions naming the rule.
import { z } from 'zod';
import type { Db } from '../db/client';
import { getDataset } from '../datasets/get-dataset';
import { embedTexts } from '../embeddings/embed-texts';
import { AppError } from '../errors/app-error';
import { writeSuggestionsIn } from '../flags/write-flags';
import type { FlagReason } from '../flags/reasons';
import type { JobContext } from '../jobs/job-kind';
import { searchPairs } from '../search/search-pairs';
import { RunConceptRulesInput } from './concept-rule-schemas';
import { listConceptRules } from './concept-rules';

const PAGE = 1_000;
/** A rule matching more than this is too broad to review pair by pair; it stops there and says so. */
export const MAX_MATCHES_PER_RULE = 100_000;

export interface ConceptRulesSummary {
  dataset: string;
  /** New suggestions per rule name, and rules that hit the cap. */
  byRule: Record<string, number>;
  capped: string[];
}

export async function runConceptRules(
  db: Db,
  o: { dataset: string; ruleIds?: number[]; jobId?: number | null; signal?: AbortSignal; onProgress?: (rule: string, n: number) => void },
): Promise<ConceptRulesSummary> {
  const dataset = await getDataset(o.dataset, db);
  const rules = (await listConceptRules(db, o.ruleIds)).filter((r) => r.enabled || o.ruleIds);
  const summary: ConceptRulesSummary = { dataset: dataset.name, byRule: {}, capped: [] };
  if (rules.length === 0) return summary;
  const vectors = await embedTexts(rules.map((r) => r.prompt)).catch((err: unknown) => {
    throw new AppError('unavailable', `concept rules need a CLIP text model: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (dataset.dim !== null && vectors[0].length !== dataset.dim) {
    throw new AppError('bad_request', `the CLIP text model gives ${vectors[0].length}-d vectors and "${dataset.name}" holds ${dataset.dim}-d image embeddings: configure the dataset's model (${dataset.model})`);
  }
  for (const [i, rule] of rules.entries()) {
    summary.byRule[rule.name] = 0;
    let seen = 0;
    for (let cursor: string | null = null; ; ) {
      o.signal?.throwIfAborted();
      const query = { dataset: dataset.name, embedding: Array.from(vectors[i]), modality: 'image', flagState: 'unflagged', dedupe: false, limit: PAGE } as const;
      const page = await searchPairs({ ...query, ...(cursor ? { cursor } : {}) }, db);
      const passing = page.hits.filter((h) => h.score !== null && h.score >= rule.threshold);
      const items = passing.map((h) => ({ pairId: h.id, note: `Concept rule "${rule.name}": the image matches "${rule.prompt}" at ${h.score!.toFixed(3)} ≥ ${rule.threshold}` }));
      if (items.length) {
        summary.byRule[rule.name] += await db.tx((tx) => writeSuggestionsIn(tx, { datasetId: dataset.id, reason: rule.reason as FlagReason, rule: `concept rule ${rule.name}`, items, jobId: o.jobId }));
      }
      seen += passing.length;
      o.onProgress?.(rule.name, summary.byRule[rule.name]);
      if (seen >= MAX_MATCHES_PER_RULE) summary.capped.push(rule.name);
      if (passing.length < page.hits.length || !page.nextCursor || seen >= MAX_MATCHES_PER_RULE) break;
      cursor = page.nextCursor;
    }
  }
  return summary;
}

export const ConceptRulesJobParams = RunConceptRulesInput.extend({ dataset: z.string().min(1) });
export type ConceptRulesJobParams = z.infer<typeof ConceptRulesJobParams>;

/** Suggestions are idempotent: a requeued job runs again from the start and adds only what is new. */
export async function runConceptRulesJob(ctx: JobContext<ConceptRulesJobParams>) {
  const summary = await runConceptRules(ctx.db, {
    dataset: ctx.params.dataset, ruleIds: ctx.params.ruleIds, jobId: ctx.id, signal: ctx.signal,
    onProgress: (rule, n) => void ctx.progress(n, null, `${rule}: ${n.toLocaleString('en-US')} new suggestion(s)`),
  });
  const total = Object.values(summary.byRule).reduce((a, b) => a + b, 0);
  await ctx.progress(total, total, `${total.toLocaleString('en-US')} new suggestion(s) from ${Object.keys(summary.byRule).length} concept rule(s)`);
  return summary;
}

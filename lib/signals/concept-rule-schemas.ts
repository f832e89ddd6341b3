// Input of concept rules: a named CLIP text prompt, the cosine an image needs to match it, and the reason to suggest.
import { z } from 'zod';
import { FLAG_REASONS } from '../flags/reasons';
import { PathId } from '../errors/path-id';

export const ConceptRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  prompt: z.string().trim().min(1).max(300),
  /** Cosine between CLIP's image and text embeddings: LAION's safety settings use about 0.19–0.22 for ViT-L/14. */
  threshold: z.number().gt(-1).lt(1),
  reason: z.enum(FLAG_REASONS),
  enabled: z.boolean().default(true),
});
export type ConceptRuleInput = z.input<typeof ConceptRuleInput>;

export const ConceptRuleParams = z.object({ id: PathId });

export const RunConceptRulesInput = z.strictObject({
  /** Only these rules (all enabled rules when absent). */
  ruleIds: z.array(z.number().int().positive()).max(1000).optional(),
});
export type RunConceptRulesInput = z.input<typeof RunConceptRulesInput>;

export interface ConceptRule {
  id: number;
  name: string;
  prompt: string;
  threshold: number;
  reason: (typeof FLAG_REASONS)[number];
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
}

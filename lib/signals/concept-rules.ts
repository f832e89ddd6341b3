// Concept rules (admin): standing CLIP text prompts with a threshold and a reason. Each change is audited in the same
// transaction. LAION's own safety settings can be imported as a starting set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import type { Db } from '../db/client';
import { AppError } from '../errors/app-error';
import { ConceptRuleInput, type ConceptRule } from './concept-rule-schemas';
import { laionModelsDir } from './read-laion-weights';
import { deleteConceptRuleRow, selectConceptRules, upsertConceptRule } from './sql';

export async function listConceptRules(db: Db, ids?: number[]): Promise<ConceptRule[]> {
  return (await selectConceptRules(db, ids)) as ConceptRule[];
}

/** Adds a rule, or replaces the rule of the same name. */
export async function saveConceptRule(db: Db, actor: Pick<Actor, 'id' | 'ip'>, raw: ConceptRuleInput): Promise<ConceptRule> {
  const input = ConceptRuleInput.parse(raw);
  return db.tx(async (tx) => {
    const rule = (await upsertConceptRule(tx, { ...input, createdBy: actor.id })) as ConceptRule;
    await recordEvent(tx, { actor: actor.id, action: 'concept_rule.save', subject: `concept_rule:${rule.id}`, ip: actor.ip, details: input });
    return rule;
  });
}

export async function deleteConceptRule(db: Db, actor: Pick<Actor, 'id' | 'ip'>, id: number): Promise<ConceptRule> {
  return db.tx(async (tx) => {
    const rule = (await deleteConceptRuleRow(tx, id)) as ConceptRule | null;
    if (!rule) throw new AppError('not_found', `concept rule ${id} does not exist`);
    await recordEvent(tx, { actor: actor.id, action: 'concept_rule.delete', subject: `concept_rule:${id}`, ip: actor.ip, details: { name: rule.name, prompt: rule.prompt } });
    return rule;
  });
}

/**
 * LAION's safety_settings.yml (CLIP-based-NSFW-Detector): its `nsfw` concepts, each with the cosine LAION uses,
 * become rules with reason `sexual`, named `laion nsfw: <concept>` (a re-import updates them). Its `special` list
 * (children) only makes LAION's check stricter and is no reason to flag on its own: it is left out.
 */
export async function importLaionConcepts(db: Db, actor: Pick<Actor, 'id' | 'ip'>): Promise<ConceptRule[]> {
  const file = path.join(laionModelsDir(), 'safety', 'safety_settings.yml');
  const settings = parseYaml(readFileSync(file, 'utf8')) as { nsfw?: { concepts?: Record<string, number> } };
  const concepts = Object.entries(settings.nsfw?.concepts ?? {});
  if (concepts.length === 0) throw new AppError('internal', `${file} lists no nsfw concepts`);
  const saved: ConceptRule[] = [];
  for (const [concept, threshold] of concepts) {
    saved.push(await saveConceptRule(db, actor, { name: `laion nsfw: ${concept}`, prompt: concept, threshold, reason: 'sexual' }));
  }
  return saved;
}

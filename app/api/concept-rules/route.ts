// GET /api/concept-rules: the standing CLIP prompts; POST: add one (or replace the rule of that name).
import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { ConceptRuleInput } from '@/lib/signals/concept-rule-schemas';
import { listConceptRules, saveConceptRule } from '@/lib/signals/concept-rules';

export const GET = apiRoute({ auth: 'curator' }, async () => ({ rules: await listConceptRules(getDb()) }));
export const POST = apiRoute({ auth: 'admin', body: ConceptRuleInput }, ({ body, actor }) => saveConceptRule(getDb(), actor, body));

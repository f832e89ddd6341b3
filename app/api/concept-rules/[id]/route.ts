// DELETE /api/concept-rules/:id: the rule stops; the suggestions it made stay in review.
import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { ConceptRuleParams } from '@/lib/signals/concept-rule-schemas';
import { deleteConceptRule } from '@/lib/signals/concept-rules';

export const DELETE = apiRoute({ auth: 'admin', params: ConceptRuleParams }, ({ params, actor }) => deleteConceptRule(getDb(), actor, params.id));

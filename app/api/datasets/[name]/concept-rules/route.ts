// POST /api/datasets/:name/concept-rules: run the enabled concept rules (or the ones named) on the dataset, as a job.
import { apiRoute } from '@/lib/api/api-route';
import { DatasetNameParams } from '@/lib/overview/overview-schemas';
import { getDb } from '@/lib/db/get-db';
import { RunConceptRulesInput } from '@/lib/signals/concept-rule-schemas';
import { queueConceptRules } from '@/lib/signals/queue-concept-rules';

export const POST = apiRoute({ auth: 'admin', params: DatasetNameParams, body: RunConceptRulesInput }, ({ params, body, actor }) =>
  queueConceptRules(getDb(), actor, params.name, body),
);

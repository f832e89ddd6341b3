// POST /api/datasets/:name/suggest: scan the dataset for suggestions (signals over thresholds, private data) as a job.
import { apiRoute } from '@/lib/api/api-route';
import { DatasetNameParams } from '@/lib/overview/overview-schemas';
import { getDb } from '@/lib/db/get-db';
import { queueSuggestions } from '@/lib/signals/queue-suggestions';
import { SuggestRequest } from '@/lib/signals/run-suggest-job';

export const POST = apiRoute({ auth: 'curator', params: DatasetNameParams, body: SuggestRequest }, ({ params, body, actor }) =>
  queueSuggestions(getDb(), actor, params.name, body),
);

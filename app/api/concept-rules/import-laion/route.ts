// POST /api/concept-rules/import-laion: LAION's NSFW concepts (safety_settings.yml) as rules.
import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { importLaionConcepts } from '@/lib/signals/concept-rules';

export const POST = apiRoute({ auth: 'admin' }, async ({ actor }) => ({ rules: await importLaionConcepts(getDb(), actor) }));

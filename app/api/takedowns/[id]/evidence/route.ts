import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { getTakedownEvidence } from '@/lib/takedowns/get-takedown-evidence';
import { TakedownIdParams } from '@/lib/takedowns/schemas';

// The request, its items, matches and audit events as one JSON file (or the matches as CSV).
export const GET = apiRoute({ auth: 'curator', params: TakedownIdParams, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) }, async ({ params, query }) => {
  const body = await getTakedownEvidence(params.id, query.format);
  const type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json';
  return new Response(body, { headers: { 'content-type': type, 'content-disposition': `attachment; filename="takedown-${params.id}-evidence.${query.format}"`, 'cache-control': 'no-store' } });
});

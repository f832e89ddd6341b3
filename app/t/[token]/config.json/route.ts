// GET /t/<token>/config.json: clip-front served under a token prefix keeps the token in every call it makes.
import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { getFrontConfig } from '@/lib/clip-retrieval/get-front-config';
import { CLIP_RETRIEVAL_VIA_URL_TOKEN } from '@/lib/clip-retrieval/route-access';

export const GET = apiRoute({ ...CLIP_RETRIEVAL_VIA_URL_TOKEN, auth: 'public', params: z.object({ token: z.string() }) }, async ({ request, params }) =>
  getFrontConfig(request, params.token),
);
export const OPTIONS = corsPreflight();

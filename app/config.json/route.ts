// clip-front's GET /config.json: this server as its back end. Public, as clip_back serves it: it names only this URL.
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { getFrontConfig } from '@/lib/clip-retrieval/get-front-config';
import { CLIP_RETRIEVAL_ACCESS } from '@/lib/clip-retrieval/route-access';

export const GET = apiRoute({ ...CLIP_RETRIEVAL_ACCESS, auth: 'public' }, async ({ request }) => getFrontConfig(request));
export const OPTIONS = corsPreflight();

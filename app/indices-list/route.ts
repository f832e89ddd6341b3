// clip-retrieval's GET /indices-list: Sieve's dataset names, the first being the default index.
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { findIndices } from '@/lib/clip-retrieval/find-indices';
import { CLIP_RETRIEVAL_ACCESS } from '@/lib/clip-retrieval/route-access';

export const GET = apiRoute(CLIP_RETRIEVAL_ACCESS, () => findIndices());
export const OPTIONS = corsPreflight();

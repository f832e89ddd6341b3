// GET /t/<token>/indices-list: /indices-list for clients that send no headers, a read-only token in the path.
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { findIndices } from '@/lib/clip-retrieval/find-indices';
import { CLIP_RETRIEVAL_VIA_URL_TOKEN } from '@/lib/clip-retrieval/route-access';

export const GET = apiRoute(CLIP_RETRIEVAL_VIA_URL_TOKEN, () => findIndices());
export const OPTIONS = corsPreflight();

// clip-retrieval's POST /knn-service: ClipClient and clip-front search Sieve unchanged (lib/clip-retrieval).
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { CLIP_RETRIEVAL_ACCESS } from '@/lib/clip-retrieval/route-access';
import { KnnRequest, MAX_KNN_BODY_BYTES } from '@/lib/clip-retrieval/schemas';
import { searchKnn } from '@/lib/clip-retrieval/search-knn';

export const POST = apiRoute({ ...CLIP_RETRIEVAL_ACCESS, rateLimit: 'search', maxJsonBytes: MAX_KNN_BODY_BYTES, body: KnnRequest }, ({ body }) => searchKnn(body));
export const OPTIONS = corsPreflight();

// clip-retrieval's POST /metadata: the columns of result ids (clip-front fetches them as the page scrolls).
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { findMetadata } from '@/lib/clip-retrieval/find-metadata';
import { CLIP_RETRIEVAL_ACCESS } from '@/lib/clip-retrieval/route-access';
import { MetadataRequest } from '@/lib/clip-retrieval/schemas';

export const POST = apiRoute({ ...CLIP_RETRIEVAL_ACCESS, body: MetadataRequest }, ({ body }) => findMetadata(body));
export const OPTIONS = corsPreflight();

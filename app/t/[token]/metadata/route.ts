// POST /t/<token>/metadata: /metadata for clients that send no headers, a read-only token in the path.
import { apiRoute } from '@/lib/api/api-route';
import { corsPreflight } from '@/lib/api/cors-preflight';
import { findMetadata } from '@/lib/clip-retrieval/find-metadata';
import { CLIP_RETRIEVAL_VIA_URL_TOKEN } from '@/lib/clip-retrieval/route-access';
import { MetadataRequest } from '@/lib/clip-retrieval/schemas';

export const POST = apiRoute({ ...CLIP_RETRIEVAL_VIA_URL_TOKEN, body: MetadataRequest }, ({ body }) => findMetadata(body));
export const OPTIONS = corsPreflight();

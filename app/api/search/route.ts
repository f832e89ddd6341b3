import { apiRoute } from '@/lib/api/api-route';
import { searchPairs } from '@/lib/search/search-pairs';
import { MAX_IMAGE_BYTES, SearchQuery } from '@/lib/search/schemas';

// JSON, or multipart with the same JSON in `query` and an image upload in `image`. A POST that only reads.
export const POST = apiRoute({ auth: 'viewer', reads: true, rateLimit: 'search', body: SearchQuery, multipart: { json: 'query', files: { image: MAX_IMAGE_BYTES } } }, ({ body, files }) =>
  searchPairs({ ...body, image: files.image }),
);

import { apiRoute } from '@/lib/api/api-route';
import { getPairThumbnail } from '@/lib/pairs/get-pair-thumbnail';
import { PairIdParams, ThumbnailQuery } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', params: PairIdParams, query: ThumbnailQuery }, async ({ params, query }) => {
  const { bytes, etag } = await getPairThumbnail(params.id, query.size);
  // The URL carries a version of the image (?v=), so the browser may keep it for a year; private, as pages may need a session.
  return new Response(new Uint8Array(bytes), {
    headers: { 'content-type': 'image/webp', 'cache-control': 'private, max-age=31536000, immutable', etag, 'x-content-type-options': 'nosniff' },
  });
});

import { apiRoute } from '@/lib/api/api-route';
import { getPairImage } from '@/lib/pairs/get-pair-image';
import { PairIdParams } from '@/lib/pairs/schemas';

export const GET = apiRoute({ auth: 'viewer', params: PairIdParams }, async ({ params }) => {
  const { bytes, type } = await getPairImage(params.id);
  // nosniff: the type was checked by content, and the browser must not second-guess it.
  return new Response(new Uint8Array(bytes), {
    headers: { 'content-type': type, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' },
  });
});

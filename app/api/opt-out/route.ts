import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { MAX_IMAGE_BYTES } from '@/lib/search/schemas';
import { OptOutInput } from '@/lib/takedowns/schemas';
import { submitOptOut } from '@/lib/takedowns/submit-opt-out';

// The people in the pictures have no account: the form is open, limited per address and in size.
export const POST = apiRoute(
  { auth: 'public', openToAnyone: 'the public opt-out form (rate-limited per address)', rateLimit: 'upload', body: OptOutInput, multipart: { json: 'request', files: { image: MAX_IMAGE_BYTES } } },
  ({ actor, body, files }) => submitOptOut(getDb(), actor.ip, body, files.image),
);

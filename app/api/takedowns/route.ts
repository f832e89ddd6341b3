import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { MAX_IMAGE_BYTES } from '@/lib/search/schemas';
import { createTakedown } from '@/lib/takedowns/create-takedown';
import { findTakedowns } from '@/lib/takedowns/find-takedowns';
import { getTakedown } from '@/lib/takedowns/get-takedown';
import { CreateTakedownInput } from '@/lib/takedowns/schemas';

export const GET = apiRoute({ auth: 'curator' }, () => findTakedowns());

// JSON, or multipart with the JSON in `request` and image items' files in image0…image4 (an item names its field).
const files = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`image${i}`, MAX_IMAGE_BYTES]));
export const POST = apiRoute({ auth: 'curator', rateLimit: 'upload', body: CreateTakedownInput, multipart: { json: 'request', files } }, async ({ actor, body, files: uploads }) => ({
  takedown: await getTakedown(await createTakedown(getDb(), actor, body, uploads)),
}));

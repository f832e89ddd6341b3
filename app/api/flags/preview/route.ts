import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { previewFlag } from '@/lib/flags/preview-flag';
import { FlagTarget } from '@/lib/flags/schemas';

// How many pairs a flag request covers, shown before the curator confirms it; reads only.
export const POST = apiRoute({ auth: 'curator', reads: true, body: FlagTarget }, ({ body }) => previewFlag(getDb(), body));

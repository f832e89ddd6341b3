import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { deleteBlockList } from '@/lib/takedowns/delete-block-list';
import { BlockListIdParams } from '@/lib/takedowns/schemas';

// Its owner or an admin; a csam_suspected list or one from an authority, an admin only.
export const DELETE = apiRoute({ auth: 'curator', params: BlockListIdParams }, async ({ actor, params }) => ({ deleted: await deleteBlockList(getDb(), actor, { id: params.id }) }));

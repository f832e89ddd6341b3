import { apiRoute } from '@/lib/api/api-route';
import { findDatasets } from '@/lib/datasets/find-datasets';

export const GET = apiRoute({ auth: 'viewer' }, async () => ({ datasets: await findDatasets() }));

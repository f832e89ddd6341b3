import { apiRoute } from '@/lib/api/api-route';
import { cancelJob } from '@/lib/jobs/cancel-job';
import { JobIdParams } from '@/lib/jobs/schemas';

export const POST = apiRoute({ auth: 'curator', params: JobIdParams }, async ({ params }) => ({ job: await cancelJob(params.id) }));

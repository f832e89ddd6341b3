import { apiRoute } from '@/lib/api/api-route';
import { getJob } from '@/lib/jobs/get-job';
import { JobIdParams } from '@/lib/jobs/schemas';

export const GET = apiRoute({ auth: 'viewer', params: JobIdParams }, async ({ params }) => ({ job: await getJob(params.id) }));

import { apiRoute } from '@/lib/api/api-route';
import { getJob } from '@/lib/jobs/get-job';
import { JobIdParams } from '@/lib/jobs/schemas';
import { showJobTo } from '@/lib/jobs/show-job-to';

export const GET = apiRoute({ auth: 'viewer', params: JobIdParams }, async ({ params, actor }) => ({ job: showJobTo(await getJob(params.id), actor) }));

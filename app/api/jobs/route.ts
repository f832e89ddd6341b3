import { apiRoute } from '@/lib/api/api-route';
import { findJobs } from '@/lib/jobs/find-jobs';
import { FindJobsQuery } from '@/lib/jobs/schemas';
import { showJobTo } from '@/lib/jobs/show-job-to';

export const GET = apiRoute({ auth: 'viewer', query: FindJobsQuery }, async ({ query, actor }) => ({ jobs: (await findJobs(query)).map((j) => showJobTo(j, actor)) }));

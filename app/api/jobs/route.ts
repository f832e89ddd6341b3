import { apiRoute } from '@/lib/api/api-route';
import { findJobs } from '@/lib/jobs/find-jobs';
import { FindJobsQuery } from '@/lib/jobs/schemas';

export const GET = apiRoute({ auth: 'viewer', query: FindJobsQuery }, async ({ query }) => ({ jobs: await findJobs(query) }));

import { apiRoute } from '@/lib/api/api-route';
import { findReviewQueue } from '@/lib/flags/find-review-queue';
import { ReviewQuery } from '@/lib/flags/schemas';

export const GET = apiRoute({ auth: 'reviewer', query: ReviewQuery }, ({ actor, query }) => findReviewQueue(actor, query));

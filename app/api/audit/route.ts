import { apiRoute } from '@/lib/api/api-route';
import { findEvents } from '@/lib/audit/find-events';
import { AuditQuery } from '@/lib/audit/schemas';
import { streamEvents } from '@/lib/audit/stream-events';
import { toDownload } from '@/lib/api/to-download';

// JSON pages for the /audit page; format=csv or jsonl downloads every matching event.
export const GET = apiRoute({ auth: 'reviewer', query: AuditQuery }, async ({ query }) => {
  if (query.format === 'json') return findEvents(query);
  return toDownload(streamEvents(query, query.format), query.format, `sieve-audit-${new Date().toISOString().slice(0, 10)}`);
});

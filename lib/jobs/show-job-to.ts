// What of a job someone may see: its owner and admins everything; everyone else what it is, how far it got and how it
// ended, but not its parameters beyond what names it (a flag job's note, a search, a curator's address), its error
// or result (which may name people, files or URLs), nor who queued it.
import { roleAtLeast } from '../auth/roles';
import type { Actor } from '../auth/schemas';
import type { JobSummary } from './schemas';

/** The parameters that say what a job is about, as the jobs page describes it: nothing a person typed in. */
const PUBLIC_PARAMS = ['dataset', 'modality', 'reason', 'exportId', 'takedownId', 'all'] as const;

export function showJobTo(job: JobSummary, asker: Pick<Actor, 'id' | 'role'>): JobSummary {
  if (roleAtLeast(asker.role, 'admin') || (asker.id !== null && job.createdBy === asker.id)) return job;
  const params: Record<string, unknown> = {};
  for (const key of PUBLIC_PARAMS) if (key in job.params) params[key] = job.params[key];
  const target = job.params.target as { kind?: unknown } | undefined;
  if (target && typeof target.kind === 'string') params.target = { kind: target.kind };
  return { ...job, params, error: null, result: null, createdBy: null };
}

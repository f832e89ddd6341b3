// Client-safe shapes of the audit trail: an event, the filters of /audit and GET /api/audit, and the page it answers.
import { z } from 'zod';

export interface AuditEvent {
  id: number;
  at: string;
  /** A user id, `cli:<os user>` or `system`. */
  actor: string | null;
  /** The actor's email when the actor is a user. */
  actorEmail: string | null;
  action: string;
  subject: string;
  details: unknown;
  ip: string | null;
  datasetId: number | null;
}

export const AUDIT_FORMATS = ['json', 'csv', 'jsonl'] as const;

const time = z.iso.datetime({ offset: true }).or(z.iso.date());

export const AuditQuery = z.object({
  /** A user id or email, or `cli:…` / `system`. */
  actor: z.string().trim().min(1).max(320).optional(),
  /** One action (`flag.create`), or a family with a trailing dot or star (`flag.`, `user.*`). */
  action: z.string().trim().min(1).max(100).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  dataset: z.string().trim().min(1).max(100).optional(),
  from: time.optional(),
  to: time.optional(),
  /** The id of the last event of the previous page: the next page holds older events. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  format: z.enum(AUDIT_FORMATS).default('json'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export type AuditQueryInput = z.input<typeof AuditQuery>;

export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: number | null;
}

/** The trail's vocabulary so far; concepts add theirs as they start writing events. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'user.create',
  'user.role',
  'user.disable',
  'user.enable',
  'user.password',
  'token.create',
  'token.revoke',
] as const;

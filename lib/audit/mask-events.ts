// The trail on the way out (page, CSV, JSON lines, evidence bundles): the database refuses to rewrite an event, so a
// URL, hash or sample id that became hidden after it was written is masked here, as is the file an older purge named.
import type { Queryable } from '../db/client';
import { loadHiddenMask, maskedForm, maskHidden } from '../masking/mask-hidden';
import type { AuditEvent } from './schemas';

/** Purges once recorded the deleted file's path, which names the hidden pair's sample: it leaves only masked. */
function maskPurgedFile(e: AuditEvent): AuditEvent {
  const d = e.details as { file?: unknown } | null;
  if (e.action !== 'media.purge' || typeof d?.file !== 'string' || d.file.startsWith('sha256:')) return e;
  return { ...e, details: { ...d, file: maskedForm(d.file) } };
}

export async function maskEvents(q: Queryable, events: AuditEvent[]): Promise<AuditEvent[]> {
  return maskHidden(q, events.map(maskPurgedFile));
}

/** For a download of many pages: the hidden strings read once. */
export async function openEventMask(q: Queryable): Promise<(e: AuditEvent) => AuditEvent> {
  const mask = await loadHiddenMask(q);
  return (e) => mask(maskPurgedFile(e));
}

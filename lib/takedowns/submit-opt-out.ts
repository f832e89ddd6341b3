// The public opt-out form: anyone may ask (no account), a few times an hour per address; they get a tracking link
// that shows the state of their request and nothing else.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { createTakedown } from './create-takedown';
import { OptOutInput } from './schemas';
import { countRecentFromIp } from './sql';

/** Requests one address may file per hour (README). */
export const OPT_OUT_LIMIT = { perHour: 5 } as const;

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function submitOptOut(db: Db, ip: string | null, raw: OptOutInput, image?: Uint8Array): Promise<{ token: string; trackingPath: string }> {
  const input = OptOutInput.parse(raw);
  if (input.urls.length + input.domains.length === 0 && !image) throw new AppError('bad_request', 'name at least one URL or domain of your pictures, or add an image of yours');
  const recent = ip ? await countRecentFromIp(db, ip, 3600) : null;
  if (recent && recent.n >= OPT_OUT_LIMIT.perHour) {
    throw new AppError('rate_limited', 'Too many requests from your address in the last hour: please try again later.', { retryAfter: Math.max(1, recent.freeInSeconds) });
  }
  const token = randomBytes(24).toString('base64url');
  const items = [
    ...input.urls.map((value) => ({ kind: 'url' as const, value })),
    ...input.domains.map((value) => ({ kind: 'domain' as const, value })),
    ...(image ? [{ kind: 'image' as const, upload: 'image' }] : []),
  ];
  await createTakedown(db, { id: null, ip }, { kind: input.kind, requester: input.name, contact: input.contact, statement: input.statement, items }, image ? { image } : {}, { tokenHash: tokenHashOf(token) });
  return { token, trackingPath: `/opt-out/${token}` };
}

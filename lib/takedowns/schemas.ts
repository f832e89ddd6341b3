// Client-safe shapes of takedowns: request kinds and the flag reason each applies, items, matches, block lists.
import { z } from 'zod';
import type { FlagReason } from '../flags/reasons';
import type { PairSummary } from '../pairs/schemas';
import { PathId } from '../api/path-id';

export const TAKEDOWN_KINDS = ['copyright_optout', 'privacy', 'csam_report', 'legal_order', 'other'] as const;
export const TakedownKind = z.enum(TAKEDOWN_KINDS);
export type TakedownKind = z.infer<typeof TakedownKind>;

/** The flag reason a request of each kind applies to what it matches. */
export const REASON_OF_KIND: Record<TakedownKind, FlagReason> = {
  copyright_optout: 'copyright_optout',
  privacy: 'pii',
  csam_report: 'csam_suspected',
  legal_order: 'other',
  other: 'other',
};

/** Days a request may take from receipt before it is overdue (GDPR's month, rounded down). */
export const DEFAULT_DUE_DAYS = 30;
/** The cosine an image item's matches need by default: near-duplicates (resized, recompressed), not look-alikes. */
export const DEFAULT_IMAGE_THRESHOLD = 0.92;
/** The most pairs one item may match; a bigger set is a domain or prefix that should be a block list. */
export const MAX_ITEM_MATCHES = 100_000;

export const TAKEDOWN_STATES = ['received', 'matched', 'applied', 'closed', 'rejected'] as const;
export type TakedownState = (typeof TAKEDOWN_STATES)[number];

export const ITEM_KINDS = ['url', 'url_prefix', 'domain', 'hash', 'key', 'image', 'caption'] as const;
export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKind>;

export const TakedownItemInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), value: z.string().trim().url().max(4096) }),
  z.object({ kind: z.literal('url_prefix'), value: z.string().trim().url().max(4096) }),
  z.object({ kind: z.literal('domain'), value: z.string().trim().toLowerCase().min(3).max(253).regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'a domain like example.com') }),
  z.object({ kind: z.literal('hash'), value: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal('key'), value: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal('caption'), value: z.string().trim().min(2).max(500) }),
  /** An image: uploaded (multipart field `image<N>`) or fetched from `imageUrl` through the SSRF-safe fetcher. */
  z.object({ kind: z.literal('image'), imageUrl: z.string().trim().url().max(2048).optional(), upload: z.string().max(40).optional(), threshold: z.number().min(0.5).max(1).optional() }),
]);
export type TakedownItemInput = z.infer<typeof TakedownItemInput>;

export const CreateTakedownInput = z.object({
  kind: TakedownKind,
  requester: z.string().trim().min(1).max(300),
  contact: z.string().trim().max(300).optional(),
  statement: z.string().trim().max(20_000).optional(),
  receivedOn: z.iso.date().optional(),
  dueOn: z.iso.date().optional(),
  items: z.array(TakedownItemInput).min(1, 'a request needs at least one URL, domain, hash, key, image or caption').max(10_000),
});
export type CreateTakedownInput = z.input<typeof CreateTakedownInput>;

export interface TakedownItem {
  id: number;
  kind: ItemKind;
  value: string | null;
  threshold: number | null;
  hasImage: boolean;
  matches: number;
  excluded: number;
}

export interface TakedownSummary {
  id: number;
  kind: TakedownKind;
  reason: FlagReason;
  requester: string;
  contact: string | null;
  statement: string | null;
  receivedOn: string;
  dueOn: string;
  overdue: boolean;
  state: TakedownState;
  rejectReason: string | null;
  public: boolean;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  items: number;
  matches: number;
}

export interface TakedownMatchSample {
  itemId: number;
  similarity: number | null;
  excluded: boolean;
  pair: PairSummary;
}

export interface TakedownDetail extends Omit<TakedownSummary, 'items'> {
  items: TakedownItem[];
  /** Up to SAMPLE matches per item, hidden pairs without their image. */
  samples: TakedownMatchSample[];
}

export const TakedownIdParams = z.object({ id: PathId });

export const MatchChangeInput = z.object({
  itemId: z.number().int().positive(),
  pairId: z.number().int().positive().optional(),
  excluded: z.boolean().optional(),
  /** Image items: move the threshold and match again. */
  threshold: z.number().min(0.5).max(1).optional(),
});

export const CloseTakedownInput = z.object({ action: z.enum(['close', 'reject']), reason: z.string().trim().max(2000).optional() });

export const OptOutInput = z.object({
  name: z.string().trim().min(1).max(200),
  contact: z.string().trim().min(3).max(300),
  kind: z.enum(['copyright_optout', 'privacy']).default('privacy'),
  urls: z.array(z.string().trim().url().max(4096)).max(200).default([]),
  domains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/)).max(50).default([]),
  statement: z.string().trim().min(10, 'say in a sentence or two what you ask for').max(5_000),
});
export type OptOutInput = z.input<typeof OptOutInput>;

export interface OptOutStatus {
  received: string;
  state: TakedownState;
  closedAt: string | null;
  /** How many pairs were taken out because of it (no pictures, no URLs: only the number). */
  removed: number;
}

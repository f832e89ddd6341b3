// Client-safe shapes of takedowns: request kinds and the flag reason each applies, items, matches, block lists.
import { z } from 'zod';
import { FLAG_REASONS, type FlagReason } from '../flags/reasons';
import type { PairSummary } from '../pairs/schemas';
import { PathId } from '../errors/path-id';

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

// http(s) only: a stored 'sha256:…' value is a digest Sieve made (url-digest.ts), never one a client sent.
const HttpUrl = z.string().trim().url().max(4096).regex(/^https?:\/\//i, 'an http(s) URL');

export const TakedownItemInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), value: HttpUrl }),
  z.object({ kind: z.literal('url_prefix'), value: HttpUrl }),
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

/** A block list's name: letters, digits, dot, dash or underscore, starting with a letter or digit. */
const FlagReasonSchema = z.enum(FLAG_REASONS);

export const BlockListName = z.string().regex(/^[A-Za-z0-9][\w.-]{0,99}$/, 'a block list name is 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit');

/**
 * The name a client gives an uploaded file: only recorded (as the list's source) and read for its extension, never
 * used as a path. Still refused when it could be one, before anything is written.
 */
export const UploadFileName = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[/\\\u0000-\u001f\u007f]/.test(v) && v !== '.' && v !== '..' && v.trim() === v, 'a plain file name: no folders, slashes, control characters or surrounding spaces');

/** The hotline a list comes from (e.g. IWF, NCMEC): set by an admin, it makes the list's flags that authority's decision. */
export const Authority = z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N} .&()'-]{1,99}$/u, 'an authority is 2 to 100 letters, digits, spaces or . & ( ) \' -');

export const ImportBlockListInput = z.object({
  name: BlockListName,
  reason: FlagReasonSchema.optional(),
  authority: Authority.optional(),
  fileName: UploadFileName.default('list.txt'),
  keepGoing: z.boolean().optional(),
});
export type ImportBlockListInput = z.input<typeof ImportBlockListInput>;

export const BlockListIdParams = z.object({ id: PathId });

export interface BlockListSummary {
  id: number;
  name: string;
  reason: FlagReason;
  source: string | null;
  authority: string | null;
  /** The owner: who made the list. Only they or an admin replace or delete it. */
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  entries: number;
  hits: number;
}

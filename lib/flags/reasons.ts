// The one taxonomy of reasons to flag a pair: the UI, the API schemas, the CLI and the docs all read it here.

export const FLAG_REASONS = [
  'csam_suspected',
  'sexual',
  'violence',
  'hate',
  'pii',
  'copyright_optout',
  'watermark',
  'caption_mismatch',
  'broken_link',
  'other',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const REASON_INFO: Record<FlagReason, { label: string; description: string }> = {
  csam_suspected: { label: 'Suspected CSAM', description: 'suspected child sexual abuse material: hidden from everyone at once, never exported' },
  sexual: { label: 'Sexual', description: 'sexual or pornographic content' },
  violence: { label: 'Violence', description: 'graphic violence, gore, cruelty' },
  hate: { label: 'Hate', description: 'hateful symbols, slurs or harassment, in the image or the caption' },
  pii: { label: 'Private data', description: 'private or sensitive personal data: faces of private people, documents, addresses, phone numbers' },
  copyright_optout: { label: 'Opt-out / takedown', description: 'the rights holder asked for removal (takedown or opt-out)' },
  watermark: { label: 'Watermark', description: 'a visible watermark or stock-photo overlay' },
  caption_mismatch: { label: 'Caption mismatch', description: 'the caption does not describe the image' },
  broken_link: { label: 'Broken link', description: 'the image URL is dead or serves something else' },
  other: { label: 'Other', description: 'anything else: a note saying what is required' },
};

/** Reasons whose flag needs a note. */
export const NOTE_REQUIRED: readonly FlagReason[] = ['other'];

/**
 * Four eyes: a reviewer may not decide a flag they raised themselves for these reasons. SIEVE_FOUR_EYES (a comma list
 * of reasons, or "all", or "none") replaces the default, which is csam_suspected only.
 */
export function fourEyesReasons(env: NodeJS.ProcessEnv = process.env): ReadonlySet<FlagReason> {
  const raw = env.SIEVE_FOUR_EYES?.trim();
  if (!raw) return new Set(['csam_suspected']);
  if (raw === 'none') return new Set();
  if (raw === 'all') return new Set(FLAG_REASONS);
  return new Set(raw.split(',').map((r) => r.trim()).filter((r): r is FlagReason => (FLAG_REASONS as readonly string[]).includes(r)));
}

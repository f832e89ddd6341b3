// The admin's evidence file for a hotline report: which hidden pairs (all, or one source's) and in which form.
import { z } from 'zod';

export const HiddenEvidenceQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  /** Only what this source pair (the one with the csam_suspected flag) hides: itself, its twins, its look-alikes. */
  source: z.coerce.number().int().positive().optional(),
});
export type HiddenEvidenceQuery = z.infer<typeof HiddenEvidenceQuery>;
export type HiddenEvidenceQueryInput = z.input<typeof HiddenEvidenceQuery>;

export interface EvidenceFlag {
  reason: string;
  state: string;
  origin: string;
  note: string | null;
  raisedBy: string | null;
  raisedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** One hidden pair as the report needs it: where it is, what it says, why it is hidden. */
export interface EvidencePair {
  pairId: number;
  /** flag: the source itself; url: the same URL as the source; lookalike: an image within the duplicate cosine of it. */
  cause: 'flag' | 'url' | 'lookalike';
  cosine: number | null;
  hiddenAt: string;
  dataset: string;
  sourceFile: string;
  sourceRow: number;
  url: string | null;
  caption: string | null;
  hash: string | null;
  sampleId: string | null;
  flags: EvidenceFlag[];
}

export interface HiddenEvidence {
  kind: 'sieve-hidden-evidence';
  writtenAt: string;
  writtenBy: string | null;
  notice: string;
  sources: { sourcePairId: number; pairs: EvidencePair[] }[];
}

// Which signals become suggestions in the review queue, and above what. The thresholds are stricter than LAION's own
// drop rule (0.5 for NSFW and violence): a suggestion costs a reviewer's look, so it should usually be right. Each
// can be moved with its environment variable; `sieve suggest` takes the same as flags.
import { AppError } from '../errors/app-error';
import type { FlagReason } from '../flags/reasons';

export type SignalColumn = 'punsafe' | 'violence' | 'pwatermark';

export interface SignalRule {
  signal: SignalColumn;
  reason: FlagReason;
  /** A pair whose score is above this becomes a suggestion. */
  threshold: number;
  env: string;
  /** How the note names the score. */
  label: string;
}

export const SIGNAL_RULE_DEFAULTS: readonly SignalRule[] = [
  { signal: 'punsafe', reason: 'sexual', threshold: 0.9, env: 'SIEVE_SUGGEST_PUNSAFE', label: "LAION's NSFW classifier (punsafe)" },
  { signal: 'violence', reason: 'violence', threshold: 0.9, env: 'SIEVE_SUGGEST_VIOLENCE', label: "LAION's violence detector" },
  { signal: 'pwatermark', reason: 'watermark', threshold: 0.9, env: 'SIEVE_SUGGEST_PWATERMARK', label: "LAION's watermark score (pwatermark)" },
];

/** The rules in force: defaults, then the environment, then what the caller passes (a CLI flag). */
export function signalRules(overrides: Partial<Record<SignalColumn, number>> = {}): SignalRule[] {
  return SIGNAL_RULE_DEFAULTS.map((r) => {
    const fromEnv = process.env[r.env];
    const threshold = overrides[r.signal] ?? (fromEnv === undefined || fromEnv === '' ? r.threshold : Number(fromEnv));
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new AppError('bad_request', `the ${r.signal} threshold must be a number from 0 to 1 (${r.env} or --${r.signal}), got "${overrides[r.signal] ?? fromEnv}"`);
    }
    return { ...r, threshold };
  });
}

export function describeSignal(rule: SignalRule, value: number): string {
  return `Suggested by ${rule.label}: ${value.toFixed(3)} > ${rule.threshold}`;
}

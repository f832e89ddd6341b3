// Private data in captions: e-mail addresses, phone numbers, payment card numbers and IBANs. Candidates are found by
// loose patterns and kept only when a well-kept validator agrees (validator.js: RFC e-mail syntax, Luhn plus issuer
// ranges for cards, IBAN check digits; libphonenumber-js with full metadata: numbering plans per country), so a
// product code or a date is not a phone number and a 16-digit id that fails Luhn is not a card.
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import validator from 'validator';

export type PiiKind = 'email' | 'phone' | 'card' | 'iban';

export interface PiiFinding {
  kind: PiiKind;
  /** UTF-16 offsets into the caption, end exclusive. */
  start: number;
  end: number;
  /** The match with most of it hidden: what review shows, so a reviewer sees what was found without re-publishing it. */
  masked: string;
}

// Captions are hostile text: every pattern runs in time linear in the caption. A word (a run of characters an
// address may hold) is matched by one character class, so no match backtracks; the cards and IBANs patterns have
// bounded quantifiers only, so each start position costs a fixed number of steps. `/x+@y+/` read a 100,000-character
// caption without an @ in 19 s (quadratic: each start scanned to the end); the word scan below reads it in
// milliseconds. find-pii.test.ts checks the forms.
const WORD = /[^\s<>()[\]{},;:"'`]+/g;
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
export const PII_PATTERNS = { WORD, CARD, IBAN };
/** RFC 5321's limit on an address: a longer word is no e-mail address, whatever validator.js would spend to say so. */
const MAX_EMAIL = 254;
const HIDE = '•';

/**
 * National phone numbers are read as numbers of this country (international ones, with +, always are). LAION's
 * captions are mostly English: the default is US; SIEVE_PII_PHONE_COUNTRY sets another (ISO 3166 code).
 */
export function phoneCountry(): CountryCode {
  return (process.env.SIEVE_PII_PHONE_COUNTRY?.toUpperCase() ?? 'US') as CountryCode;
}

export function findPii(caption: string, country: CountryCode = phoneCountry()): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const m of caption.matchAll(WORD)) {
    const text = trimEndPunctuation(m[0]);
    // As /x+@y+/ read it: an @ with something on both sides.
    const at = text.indexOf('@', 1);
    if (at < 0 || at === text.length - 1 || text.length > MAX_EMAIL) continue;
    if (validator.isEmail(text)) found.push({ kind: 'email', start: m.index, end: m.index + text.length, masked: maskEmail(text) });
  }
  for (const m of caption.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    if (validator.isCreditCard(digits)) found.push({ kind: 'card', start: m.index, end: m.index + m[0].length, masked: keepLast(digits, 4) });
  }
  for (const m of caption.matchAll(IBAN)) {
    const compact = m[0].replace(/ /g, '');
    if (validator.isIBAN(compact)) found.push({ kind: 'iban', start: m.index, end: m.index + m[0].length, masked: compact.slice(0, 2) + keepLast(compact.slice(2), 4) });
  }
  for (const p of findPhoneNumbersInText(caption, country)) {
    // A card number's digit groups can read as a phone number too: the card wins.
    if (found.some((f) => f.start < p.endsAt && p.startsAt < f.end)) continue;
    found.push({ kind: 'phone', start: p.startsAt, end: p.endsAt, masked: `+${p.number.countryCallingCode} ${keepLast(p.number.nationalNumber, 2)}` });
  }
  return found.sort((a, b) => a.start - b.start);
}

// A loop, not /[.!?]+$/: that pattern, too, retries from every dot of a long run.
function trimEndPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && '.!?'.includes(word[end - 1])) end--;
  return word.slice(0, end);
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return `${email[0]}${HIDE.repeat(3)}@${domain[0]}${HIDE.repeat(3)}${dot > 0 ? domain.slice(dot) : ''}`;
}

function keepLast(s: string, n: number): string {
  return HIDE.repeat(Math.max(0, s.length - n)) + s.slice(-n);
}

const LABEL: Record<PiiKind, string> = { email: 'e-mail address', phone: 'phone number', card: 'payment card number', iban: 'IBAN' };

/** The flag note review shows: what was found, masked, and where in the caption. */
export function describePii(findings: PiiFinding[]): string {
  return `Private data in the caption: ${findings.map((f) => `${LABEL[f.kind]} ${f.masked} (characters ${f.start + 1}–${f.end})`).join('; ')}`;
}

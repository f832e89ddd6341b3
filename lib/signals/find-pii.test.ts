import { describe, expect, it } from 'vitest';
import { describePii, findPii } from './find-pii';

describe('findPii', () => {
  it('finds e-mail addresses, phone numbers, payment cards and IBANs, masked, at their offsets', () => {
    const caption = 'Contact jane.doe@example.org. or +44 20 7946 0958, (212) 555-0199; card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00';
    const found = findPii(caption, 'US');
    expect(found.map((f) => [f.kind, caption.slice(f.start, f.end), f.masked])).toEqual([
      ['email', 'jane.doe@example.org', 'j•••@e•••.org'],
      ['phone', '+44 20 7946 0958', '+44 ••••••••58'],
      ['phone', '(212) 555-0199', '+1 ••••••••99'],
      ['card', '4111 1111 1111 1111', '••••••••••••1111'],
      ['iban', 'DE89 3704 0044 0532 0130 00', 'DE••••••••••••••••3000'],
    ]);
  });

  it('leaves numbers that only look like private data alone', () => {
    // A Luhn-failing 16-digit id, a date, a resolution, an invalid IBAN check, an @handle and a version string.
    const caption = 'order 4111 1111 1111 1112 on 20230415, 1920x1080, DE00 3704 0044 0532 0130 00, @jane, v1.2.3@beta';
    expect(findPii(caption, 'US')).toEqual([]);
  });

  it('reads national phone numbers in the configured country', () => {
    const caption = 'Appelez le 06 12 34 56 78';
    expect(findPii(caption, 'US')).toEqual([]);
    expect(findPii(caption, 'FR').map((f) => f.kind)).toEqual(['phone']);
  });

  it('words a note without the matched text itself', () => {
    const caption = 'mail me: someone@example.com';
    const note = describePii(findPii(caption, 'US'));
    expect(note).toBe('Private data in the caption: e-mail address s•••@e•••.com (characters 10–28)');
    expect(note).not.toContain('someone');
  });
});

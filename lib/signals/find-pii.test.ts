import { describe, expect, it } from 'vitest';
import { describePii, findPii, PII_PATTERNS } from './find-pii';

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

describe('findPii on hostile captions', () => {
  // Tests don't time things: the bound on work is the form of each pattern. A lone character class repeated (a word)
  // matches without backtracking; a pattern with only bounded quantifiers costs a fixed number of steps per position.
  it('uses only patterns whose work is linear in the caption', () => {
    const { WORD, ...bounded } = PII_PATTERNS;
    expect(WORD.source).toMatch(/^\[\^?(?:\\.|[^\]\\])+\]\+$/);
    for (const re of Object.values(bounded)) {
      // Unbounded quantifiers (+, *, {n,}) outside character classes: none.
      const outsideClasses = re.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, 'c');
      expect(outsideClasses).not.toMatch(/[+*]|\{\d+,\}/);
    }
  });

  it('finds the address at the end of a 100,000-character caption built to make /x+@y+/ backtrack', () => {
    const words = 'a'.repeat(100_000);
    const dots = `x@y${'.'.repeat(100_000)}z`;
    expect(findPii(words, 'US')).toEqual([]);
    expect(findPii(dots, 'US')).toEqual([]);
    const caption = `${'a'.repeat(99_980)} mail jane@example.org`;
    expect(findPii(caption, 'US').map((f) => [f.kind, caption.slice(f.start, f.end)])).toEqual([['email', 'jane@example.org']]);
  });

  it('reads the same addresses as before: trailing punctuation dropped, an @ needs both sides, no word past 254 characters', () => {
    const caption = `write to bob@example.com!!! or @nobody, nobody@, ${'l'.repeat(250)}@example.com and x@y`;
    expect(findPii(caption, 'US').map((f) => caption.slice(f.start, f.end))).toEqual(['bob@example.com']);
  });
});

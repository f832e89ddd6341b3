// The sign-in page's `next`: only a path on this site; every spelling of another site, a script or a control
// character gives "/".
import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps a same-origin path with its query and fragment', () => {
    expect(safeNextPath('/browse?dataset=photos&q=a%20cat#top')).toBe('/browse?dataset=photos&q=a%20cat#top');
    expect(safeNextPath('/pairs/12')).toBe('/pairs/12');
    expect(safeNextPath('/a/../review')).toBe('/review');
  });

  it.each([
    // What URLSearchParams hands over once %09, %0a, %5c… are decoded.
    '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '\t//evil.example', '/ /evil.example',
    '//evil.example', '///evil.example', '/\\evil.example', '\\/evil.example', '/\\/evil.example',
    'https://evil.example', 'http:evil.example', 'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>', 'evil.example', '', '/\u0000x', '/x\u007f', '/x\u2028', `/${'a'.repeat(2001)}`,
    '/.//evil.example', '/..//evil.example',
  ])('refuses %j', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('gives "/" for nothing at all', () => {
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
  });
});

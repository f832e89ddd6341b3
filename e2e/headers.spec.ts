// Security headers on pages and API answers, and pages that still work under them: no CSP violation while the
// search, browse, overview and pair pages load their images (local thumbnails and remote LAION URLs alike).
import { expect, findPair, test } from './fixtures';

const EXPECTED = {
  'content-security-policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; img-src 'self' http: https: data: blob:",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

test('pages and API answers carry the security headers, and the pages break none of them', async ({ page, request }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const local = await findPair(request, (p) => !!p.imageSrc?.startsWith('/api/'));
  for (const path of ['/', '/browse', '/datasets/e2e-bulk', local!.href, `/pairs/${local!.pair.id}`]) {
    const res = await page.goto(path);
    expect(res!.headers(), path).toMatchObject(EXPECTED);
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
  for (const path of ['/api/health', '/api/datasets', '/indices-list']) {
    expect((await request.get(path)).headers(), path).toMatchObject(EXPECTED);
  }
});

test("clip-retrieval's routes keep their CORS under the same headers", async ({ request }) => {
  const res = await request.fetch('/knn-service', { method: 'OPTIONS', headers: { origin: 'https://clip-front.example', 'access-control-request-method': 'POST' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['access-control-allow-origin']).toBe('https://clip-front.example');
});

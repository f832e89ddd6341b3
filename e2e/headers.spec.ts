// Security headers on pages and API answers, and pages that still work under them: no CSP violation while the
// search, browse, overview and pair pages load their images (local thumbnails and remote LAION URLs alike), and a
// script without the page's nonce is refused.
import { expect, findPair, test } from './fixtures';

const COMMON = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const NONCE = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/;

test('pages carry a nonce policy their own scripts obey, API answers a policy that loads nothing', async ({ page, request }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const local = await findPair(request, (p) => !!p.imageSrc?.startsWith('/api/'));
  const seen = new Set<string>();
  for (const path of ['/', '/browse', '/datasets/e2e-bulk', local!.href, `/pairs/${local!.pair.id}`, '/signin', '/opt-out']) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers, path).toMatchObject(COMMON);
    const policy = headers['content-security-policy'];
    for (const part of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "img-src 'self' http: https: data: blob:"]) {
      expect(policy, path).toContain(part);
    }
    const nonce = NONCE.exec(policy)?.[1];
    expect(nonce, `${path}: ${policy}`).toBeTruthy();
    expect(seen.has(nonce!), 'a nonce is never reused').toBe(false);
    seen.add(nonce!);
    // Every script Next.js wrote into the page carries this response's nonce (the browser hides it from
    // getAttribute, not from the property).
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce), path).toBe(true);
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
  // The app ran (React hydrated): the search box answers typing with a results request.
  await page.goto('/');
  await expect(page.getByRole('searchbox').first()).toBeVisible();

  // What markup smuggled into the page would try: an event-handler attribute and a javascript: link. (A script
  // element created by a running script is trusted under 'strict-dynamic'; injected markup can't run one to begin.)
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: number; refused?: number };
    w.injected = 0;
    w.refused = 0;
    document.addEventListener('securitypolicyviolation', () => (w.refused = (w.refused ?? 0) + 1));
    const box = document.createElement('div');
    box.innerHTML = '<img src="data:," onerror="window.injected = 1"><a id="js-link" href="javascript:window.injected = 2">x</a>';
    document.body.append(box);
    (document.getElementById('js-link') as HTMLAnchorElement).click();
    await new Promise((r) => setTimeout(r, 500));
    return { injected: w.injected, refused: w.refused };
  });
  expect(ran.injected).toBe(0);
  expect(ran.refused).toBeGreaterThanOrEqual(2);

  for (const path of ['/api/health', '/api/datasets', '/indices-list', '/config.json']) {
    expect((await request.get(path)).headers(), path).toMatchObject({ ...COMMON, 'content-security-policy': API_POLICY });
  }
});

test("clip-retrieval's routes keep their CORS under the same headers", async ({ request }) => {
  const res = await request.fetch('/knn-service', { method: 'OPTIONS', headers: { origin: 'https://clip-front.example', 'access-control-request-method': 'POST' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['access-control-allow-origin']).toBe('https://clip-front.example');
});

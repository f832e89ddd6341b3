// Hostile rows (e2e/fixtures/write-hostile-folder.ts) on every page that shows pairs, their flags, requests or
// exports: no script runs (no dialog, no marker set or logged), no link or embed uses a scheme other than
// http(s), and the layout holds (nothing wider than the page, nothing escaping the box that holds it).
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_ADMIN } from '../lib/auth/ensure-demo-admin';
import type { PairPage } from '../lib/pairs/schemas';
import { HOSTILE_ROWS, HOSTILE_WORD, MARKER } from './fixtures/write-hostile-folder';
import { expect, searchUrl, signIn, test } from './fixtures';

const DATASET = 'e2e-hostile';

/** Watches a page for any sign that a payload ran; returns the check to make after each visit. */
function watch(page: Page): () => Promise<void> {
  const signs: string[] = [];
  page.on('dialog', (d) => {
    signs.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.text().includes(MARKER)) signs.push(`console: ${m.text()}`);
  });
  return async () => {
    const set = await page.evaluate((marker) => (window as unknown as Record<string, unknown>)[marker], MARKER);
    expect(set, `${page.url()}: a payload set window.${MARKER}`).toBeUndefined();
    expect(signs, page.url()).toEqual([]);
  };
}

/** Links, forms and embeds only ever point at http(s) (relative links resolve to the page's own http). */
async function expectWebSchemesOnly(page: Page): Promise<void> {
  const bad = await page.evaluate(() => {
    const out: string[] = [];
    const web = (u: string) => /^(https?|blob):/i.test(new URL(u, location.href).protocol);
    for (const a of document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>('a[href], area[href]')) if (!web(a.href)) out.push(`link ${a.getAttribute('href')}`);
    for (const f of document.querySelectorAll<HTMLFormElement>('form[action]')) if (!web(f.action)) out.push(`form ${f.getAttribute('action')}`);
    for (const e of document.querySelectorAll('iframe, frame, embed, object')) out.push(`embed ${e.outerHTML.slice(0, 80)}`);
    for (const img of document.querySelectorAll<HTMLImageElement>('img[src]')) {
      if (!/^(https?|blob|data):/i.test(new URL(img.src, location.href).protocol)) out.push(`img ${img.getAttribute('src')}`);
    }
    return out;
  });
  expect(bad, page.url()).toEqual([]);
}

/**
 * The page is no wider than the window; no element sticks out of <main> unless a box that clips it (overflow other
 * than visible) holds it, and that box stays inside; and the 100 kB word wraps wherever it shows, rather than
 * running under its box's edge.
 */
async function expectLayoutHolds(page: Page): Promise<void> {
  const escaped = await page.evaluate((longWord) => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`page ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
    const main = document.querySelector('main');
    if (!main) return out;
    const edge = main.getBoundingClientRect().right + 1;
    const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
    for (const el of main.querySelectorAll('*')) {
      let clipped = false;
      for (let up = el.parentElement; up && up !== main; up = up.parentElement) if (clips(up)) clipped = true;
      if (clipped) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} reaches ${Math.round(r.right)}px past main's ${Math.round(edge)}px`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').includes(longWord));
      if (own && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()} does not wrap the long word (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
    return out.slice(0, 5);
  }, 'W'.repeat(50));
  expect(escaped, page.url()).toEqual([]);
}

async function visit(page: Page, path: string, check: () => Promise<void>, ready?: (page: Page) => Promise<void>): Promise<void> {
  const res = await page.goto(path);
  expect(res!.status(), path).toBeLessThan(400);
  await page.waitForLoadState('networkidle');
  if (ready) await ready(page);
  await check();
  await expectWebSchemesOnly(page);
  await expectLayoutHolds(page);
}

async function hostilePairs(request: APIRequestContext) {
  const res = await request.get(`/api/pairs?dataset=${DATASET}&pageSize=100`);
  return ((await res.json()) as PairPage).items;
}

test('hostile captions, URLs and fields run nothing, link nowhere and break no layout, on every page that shows them', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const check = watch(page);
  const origin = { origin: new URL(baseURL!).origin };
  const pairs = await hostilePairs(page.request);
  expect(pairs).toHaveLength(HOSTILE_ROWS.length);
  // Captions arrive as the text they are, markup included; the long word whole; bytes that were not UTF-8 or NUL
  // as U+FFFD.
  expect(pairs.some((p) => p.caption?.includes('<script>window.'))).toBe(true);
  expect(pairs.some((p) => (p.caption?.length ?? 0) > 100_000)).toBe(true);
  expect(pairs.find((p) => p.caption?.includes('bad bytes'))!.caption).toContain('\uFFFD');
  // A javascript:, data: or vbscript: URL is never offered as the picture.
  const scriptUrls = pairs.filter((p) => !/^https?:/i.test(p.url ?? ''));
  for (const p of scriptUrls) expect([p.imageSrc, p.thumbSrc].every((src) => src === null || src.startsWith('/api/pairs/')), p.url ?? '').toBe(true);
  expect(scriptUrls.filter((p) => p.imageSrc === null).length).toBe(HOSTILE_ROWS.filter((r) => r.noImage).length);

  const captionsShown = async (p: Page) => expect(p.getByText('<script>window.', { exact: false }).first()).toBeVisible();
  await visit(page, `/browse?dataset=${DATASET}&pageSize=24`, check, captionsShown);
  await visit(page, searchUrl(DATASET, { q: HOSTILE_WORD, mode: 'keyword' }), check, captionsShown);
  await visit(page, `/datasets/${DATASET}`, check, (p) => expect(p.getByText('hostile.example').first()).toBeVisible());
  for (const p of pairs) await visit(page, `/pairs/${p.id}`, check, (pg) => expect(pg.getByTestId('pair-inspect').or(pg.locator('main h1')).first()).toBeVisible());

  // A curator's trail over them: flags with hostile notes, a request from a hostile requester, an export.
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const note = `<script>window.${MARKER}=20</script><img src=x onerror="window.${MARKER}=21">`;
  const flagged = await page.request.post('/api/flags', { data: { target: { kind: 'pairs', pairIds: pairs.map((p) => p.id) }, reason: 'other', note }, headers: origin });
  expect(flagged.ok(), await flagged.text()).toBe(true);
  const made = await page.request.post('/api/takedowns', {
    headers: origin,
    data: {
      kind: 'privacy',
      requester: `<img src=x onerror="window.${MARKER}=22">\u202Eevil`,
      contact: `javascript:window.${MARKER}=23`,
      statement: `<script>window.${MARKER}=24</script> ${'Z'.repeat(5_000)}`,
      items: [{ kind: 'domain', value: 'hostile.example' }, { kind: 'caption', value: HOSTILE_WORD }],
    },
  });
  expect(made.ok(), await made.text()).toBe(true);
  const { takedown } = (await made.json()) as { takedown: { id: number } };
  const matched = await page.request.post(`/api/takedowns/${takedown.id}/match`, { headers: origin, data: {} });
  expect(matched.ok(), await matched.text()).toBe(true);
  const exported = await page.request.post('/api/exports', { headers: origin, data: { source: { kind: 'query', query: { dataset: DATASET, keyword: `${HOSTILE_WORD} <script>` } }, rule: { keep: 'none' }, format: 'csv' } });
  expect(exported.ok(), await exported.text()).toBe(true);
  const { export: e } = (await exported.json()) as { export: { id: number } };
  await expect.poll(async () => ((await (await page.request.get(`/api/exports/${e.id}`)).json()) as { export: { state: string } }).export.state, { timeout: 60_000 }).toBe('done');
  // The file is a download, never a page the browser would render.
  const download = await page.request.get(`/api/exports/${e.id}/download`);
  expect(download.headers()['content-disposition']).toMatch(/^attachment/);
  expect(download.headers()['x-content-type-options']).toBe('nosniff');

  await visit(page, `/review?dataset=${DATASET}`, check, (p) => expect(p.getByTestId('review-caption')).toBeVisible());
  for (let i = 1; i < pairs.length; i++) {
    await page.keyboard.press('j');
    await check();
    await expectLayoutHolds(page);
  }
  await visit(page, '/audit', check, (p) => expect(p.getByText(HOSTILE_WORD).or(p.getByText('<script>window.')).first()).toBeVisible());
  await visit(page, '/takedowns', check, (p) => expect(p.getByTestId('takedown-row').first()).toBeVisible());
  await visit(page, `/takedowns/${takedown.id}`, check, (p) => expect(p.getByTestId('match-card').first()).toBeVisible());
  await visit(page, '/exports', check);
});

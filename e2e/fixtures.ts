// Shared test setup: an offline browser, and a way to find demo pairs with a given trait through the API.
import { test as base, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_ADMIN } from '../lib/auth/ensure-demo-admin';
import type { DatasetSummary } from '../lib/datasets/schemas';
import type { PairPage, PairSummary } from '../lib/pairs/schemas';

import { expect } from '@playwright/test';

export { expect };

let address = 0;

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    // Each test's browser comes from its own address: better-auth limits sign-in attempts per address.
    await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': `10.66.${process.pid % 250}.${++address % 250}` });
    // Remote LAION URLs must fail at once (as on an offline machine), not hang on DNS or reach the internet.
    await page.route((url) => url.origin !== origin, (route) => route.abort('internetdisconnected'));
    await use(page);
  },
});

export interface Located {
  pair: PairSummary;
  /** The name of the pair's dataset. */
  dataset: string;
  /** A browse URL whose grid shows the pair. */
  href: string;
}

// The API's largest page: scanning the demo takes a handful of requests.
const SCAN_SIZE = 500;
const GRID_SIZE = 24;

export async function datasets(request: APIRequestContext): Promise<DatasetSummary[]> {
  const res = await request.get('/api/datasets');
  return ((await res.json()) as { datasets: DatasetSummary[] }).datasets;
}

/** The first pair, over every dataset in order, that passes `test`; null when the data has none. */
export async function findPair(request: APIRequestContext, test: (p: PairSummary) => boolean): Promise<Located | null> {
  for (const d of await datasets(request)) {
    for (let page = 1; (page - 1) * SCAN_SIZE < d.pairs; page++) {
      const res = await request.get(`/api/pairs?dataset=${encodeURIComponent(d.name)}&page=${page}&pageSize=${SCAN_SIZE}`);
      const { items } = (await res.json()) as PairPage;
      const index = items.findIndex(test);
      if (index < 0) continue;
      const gridPage = Math.floor(((page - 1) * SCAN_SIZE + index) / GRID_SIZE) + 1;
      return {
        pair: items[index],
        dataset: d.name,
        href: `/browse?dataset=${encodeURIComponent(d.name)}&page=${gridPage}&pageSize=${GRID_SIZE}`,
      };
    }
  }
  return null;
}

/** The search page for a dataset, with more URL parameters if given (the search page's own scheme). */
export function searchUrl(dataset: string, params: Record<string, string> = {}): string {
  return `/?${new URLSearchParams({ dataset, ...params })}`;
}

/** The first pair whose caption is exactly `caption`; fails the test when the data has none. */
export async function pairWithCaption(request: APIRequestContext, caption: string): Promise<Located> {
  const found = await findPair(request, (p) => p.caption === caption);
  if (!found) throw new Error(`the e2e data needs a pair captioned ${JSON.stringify(caption)}`);
  return found;
}

/** The fixture pair whose caption carries <script> and <img onerror> (e2e/fixtures/README.md). */
export async function findHostileCaption(request: APIRequestContext): Promise<Located> {
  const found = await findPair(request, (p) => /<\s*script\b/i.test(p.caption ?? ''));
  if (!found) throw new Error('e2e/fixtures needs a caption containing <script>');
  return found;
}

/** Starts watching for markup that ran (the fixture's scripts set window.__sieveXss, or open a dialog). */
export function watchForScripts(page: Page): () => Promise<boolean> {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  return async () => dialogs > 0 || (await page.evaluate(() => (window as unknown as { __sieveXss?: unknown }).__sieveXss !== undefined));
}

/** Signs in through the page's own form and waits for the header to show who. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('current-user')).toContainText(email);
}

/** A user with this role (made once, by the demo admin through the API), to sign in as. */
export async function ensureUser(request: APIRequestContext, baseURL: string, role: 'viewer' | 'curator' | 'reviewer' | 'admin'): Promise<{ email: string; password: string }> {
  const user = { email: `${role}@e2e.local`, password: `${role} e2e password` };
  const headers = { origin: new URL(baseURL).origin, 'x-forwarded-for': `10.67.0.${(++address % 250) + 1}` };
  const signIn = await request.post('/api/auth/sign-in/email', { data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }, headers });
  expect(signIn.ok(), await signIn.text()).toBe(true);
  const made = await request.post('/api/users', { data: { ...user, role }, headers });
  expect([200, 409], await made.text()).toContain(made.status());
  await request.post('/api/auth/sign-out', { data: {}, headers });
  return user;
}

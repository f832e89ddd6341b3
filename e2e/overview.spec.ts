// The dataset overview: reached from /browse, its charts drawn as SVG bars, and a click on a bar or a domain opening
// the search page filtered to it. e2e-bulk's WIDTH is 100 + (i mod 50) and its URLs are on img0…img6.example.com
// (lib/ingest/__fixtures__/write-laion-parquet.ts).
import type { APIRequestContext, Page } from '@playwright/test';
import type { PairDetail } from '../lib/pairs/schemas';
import { expect, test } from './fixtures';

const bars = (page: Page, chart: string) => page.getByTestId(chart).locator('.recharts-bar-rectangle');
const results = (page: Page) => page.getByTestId('results-grid').getByTestId('pair-card');

/** The pairs on the search page, read back through the API (flags.spec flags all of e2e-bulk: show them all). */
async function shownPairs(page: Page, request: APIRequestContext): Promise<PairDetail[]> {
  await page.getByTestId('filter-flagState').selectOption('any');
  await expect(page).toHaveURL(/[?&]flagState=any\b/);
  await expect(results(page).first()).toBeVisible();
  const ids = await results(page).evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-pair-id'))));
  expect(ids.length).toBeGreaterThan(0);
  return Promise.all(ids.map(async (id) => (await (await request.get(`/api/pairs/${id}`)).json()) as PairDetail));
}

test('the overview is linked from /browse and draws its counts and charts', async ({ page }) => {
  await page.goto('/browse?dataset=e2e-bulk');
  await page.getByTestId('dataset-overview-link').click();
  await expect(page).toHaveURL(/\/datasets\/e2e-bulk$/);
  await expect(page.getByRole('heading', { name: 'e2e-bulk' })).toBeVisible();
  await expect(page.getByTestId('overview-counts')).toContainText('1,500');

  // Ten bars of five pixels each, 150 pairs in every one; the scores e2e-bulk lacks say so instead.
  await expect(bars(page, 'histogram-width')).toHaveCount(10);
  await expect(page.getByTestId('histogram-width').locator('svg.recharts-surface')).toBeVisible();
  expect(await bars(page, 'histogram-punsafe').count()).toBeGreaterThan(0);
  expect(await bars(page, 'histogram-height').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('histogram-aesthetic')).toContainText('No pair has this value');
  await expect(bars(page, 'top-domain')).toHaveCount(7);
  await expect(page.getByTestId('ingest-history')).toContainText('1,500 rows');
  await expect(page.getByTestId('duplicates-url')).toBeVisible();
  await expect(page.getByTestId('duplicates-near')).toContainText('no image embeddings');
});

test('a click on a histogram bar opens the search for its range, and every result is in it', async ({ page, request }) => {
  await page.goto('/datasets/e2e-bulk');
  await expect(bars(page, 'histogram-width')).toHaveCount(10);
  await bars(page, 'histogram-width').nth(2).click();
  await expect(page).toHaveURL(/\/\?dataset=e2e-bulk&widthMin=110&widthMax=114$/);
  await expect(page.getByTestId('filter-widthMin')).toHaveValue('110');
  await expect(page.getByTestId('filter-widthMax')).toHaveValue('114');
  for (const p of await shownPairs(page, request)) {
    expect(p.width).toBeGreaterThanOrEqual(110);
    expect(p.width).toBeLessThanOrEqual(114);
  }
});

test('a click on a domain opens the search for that domain', async ({ page, request }) => {
  await page.goto('/datasets/e2e-bulk');
  await expect(bars(page, 'top-domain')).toHaveCount(7);
  await bars(page, 'top-domain').first().click();
  await expect(page).toHaveURL(/\/\?dataset=e2e-bulk&domain=img\d\.example\.com$/);
  const domain = new URL(page.url()).searchParams.get('domain');
  for (const p of await shownPairs(page, request)) expect(p.domain).toBe(domain);
});

test('a dataset that does not exist says so', async ({ page }) => {
  await page.goto('/datasets/no-such-dataset');
  await expect(page.getByTestId('error-message')).toContainText('does not exist');
});

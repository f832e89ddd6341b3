// A newcomer's first minutes with the demo (production build, embedded database, opened at 127.0.0.1): a grid of
// thumbnails with captions, and "more like this" on the photos that carry real CLIP ViT-B/32 embeddings.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readNpy } from '../lib/ingest/read-npy';
import type { PairPage } from '../lib/pairs/schemas';
import { expect, searchUrl, test } from './fixtures';

const DEMO = path.join(process.cwd(), 'data/demo/clip-photos');
const cards = (page: Page) => page.getByTestId('pair-card');

test('is served at 127.0.0.1 by the production build', async ({ page, baseURL }) => {
  expect(new URL(baseURL!).hostname).toBe('127.0.0.1');
  const res = await page.goto('/browse');
  // The development server puts its indicator (a nextjs-portal element) on every page; the production build has none.
  await expect(page.locator('nextjs-portal')).toHaveCount(0);
  await expect(cards(page).first()).toBeVisible();
});

test('the grid shows captions and loads thumbnails, not the full images', async ({ page }) => {
  await page.goto('/browse?dataset=clip-photos');
  await expect(cards(page)).toHaveCount(7);
  for (const card of await cards(page).all()) {
    await expect(card.getByTestId('pair-caption')).not.toBeEmpty();
    const img = card.locator('img');
    await expect(img).toHaveAttribute('src', /^\/api\/pairs\/\d+\/thumbnail\?v=\w+$/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    const { width, height } = await img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
    expect(Math.max(width, height)).toBeLessThanOrEqual(512);
  }
});

test('"more like this" on a photo returns its neighbours in brute-force cosine order of the real embeddings', async ({ page, request }) => {
  const { items } = (await (await request.get('/api/pairs?dataset=clip-photos')).json()) as PairPage;
  // Rows of img_emb_0.npy follow metadata_0.parquet, which ingest numbers in order: pair ids sorted = rows.
  const ids = items.map((p) => p.id).sort((a, b) => a - b);
  const npy = await readNpy(path.join(DEMO, 'img_emb/img_emb_0.npy'), 'img_emb_0.npy');
  const vectors = await npy.readRows(0, npy.rows);
  const cosine = (a: Float32Array, b: Float32Array) => {
    let dot = 0, na = 0, nb = 0;
    for (let i = 0; i < a.length; i++) (dot += a[i] * b[i]), (na += a[i] * a[i]), (nb += b[i] * b[i]);
    return dot / Math.sqrt(na * nb);
  };
  const query = 0; // the kitten; its nearest neighbour is the other kitten photo
  const expected = ids.map((id, row) => ({ id, score: cosine(vectors[query], vectors[row]) })).sort((a, b) => b.score - a.score).map((x) => x.id);

  await page.goto(searchUrl('clip-photos'));
  const results = page.getByTestId('results-grid').getByTestId('pair-card');
  await expect(results).toHaveCount(7);
  await page.getByTestId('results-grid').locator(`[data-pair-id="${ids[query]}"]`).getByTestId('more-like-this').click();
  await expect(page).toHaveURL(new RegExp(`[?&]pairId=${ids[query]}\\b`));
  await expect(page.getByTestId('result-mode')).toHaveText('semantic');
  await expect.poll(async () => (await results.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-pair-id'))))).join(',')).toBe(expected.join(','));
});

// The browse grid: cards with text captions, placeholders for dead images, paging in the URL, safe mode.
import { datasets, expect, findHostileCaption, findPair, test, watchForScripts } from './fixtures';

const cards = (page: import('@playwright/test').Page) => page.getByTestId('pair-card');

test('shows the first dataset as a grid of cards with their captions', async ({ page }) => {
  await page.goto('/browse');
  await expect(page.getByRole('heading', { name: 'Browse' })).toBeVisible();
  await expect(page.getByTestId('pair-grid')).toBeVisible();
  expect(await cards(page).count()).toBeGreaterThan(0);
  await expect(cards(page).first().getByTestId('pair-caption')).not.toBeEmpty();
  await expect(page.getByTestId('page-indicator')).toHaveText(/^Page 1 of \d+$/);
  await expect(page.getByTestId('page-prev')).toHaveAttribute('aria-disabled', 'true');
});

test('loads local images and shows a placeholder for remote ones that cannot load', async ({ page, request }) => {
  const local = await findPair(request, (p) => !!p.imageSrc?.startsWith('/api/'));
  const remote = await findPair(request, (p) => !!p.imageSrc?.startsWith('http'));
  expect(local, 'the demo needs a pair with a local image').not.toBeNull();
  expect(remote, 'the demo needs a pair with a remote image URL').not.toBeNull();

  await page.goto(local!.href);
  const img = page.locator(`[data-pair-id="${local!.pair.id}"] img`);
  await expect(img).toHaveAttribute('referrerpolicy', 'no-referrer');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);

  await page.goto(remote!.href);
  const card = page.locator(`[data-pair-id="${remote!.pair.id}"]`);
  await expect(card.getByTestId('image-placeholder')).toBeVisible();
  await expect(card.locator('img')).toHaveCount(0);
});

test('pages with Next, keeps the page in the URL, and goes back with the browser', async ({ page, request }) => {
  const big = (await datasets(request)).find((d) => d.pairs > 48);
  expect(big, 'the demo needs a dataset with more than one page of pairs').toBeDefined();
  await page.goto(`/browse?dataset=${encodeURIComponent(big!.name)}`);
  const first = cards(page).first();
  await expect(first).toBeVisible();
  const pageOneId = await first.getAttribute('data-pair-id');

  await page.getByTestId('page-next').click();
  await expect(page).toHaveURL(/[?&]page=2\b/);
  await expect(page.getByTestId('page-indicator')).toHaveText(/^Page 2 of \d+$/);
  await expect(first).not.toHaveAttribute('data-pair-id', pageOneId!);
  const pageTwoId = await first.getAttribute('data-pair-id');

  await page.reload();
  await expect(first).toHaveAttribute('data-pair-id', pageTwoId!);

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=2\b/);
  await expect(page.getByTestId('page-indicator')).toHaveText(/^Page 1 of \d+$/);
  await expect(first).toHaveAttribute('data-pair-id', pageOneId!);

  await page.getByTestId('page-size').selectOption('24');
  await expect(page).toHaveURL(/[?&]pageSize=24\b/);
  await expect(cards(page)).toHaveCount(24);
});

test('renders captions with markup as literal text', async ({ page, request }) => {
  const hostile = await findHostileCaption(request);
  const ranScript = watchForScripts(page);

  await page.goto(hostile.href);
  const caption = page.locator(`[data-pair-id="${hostile.pair.id}"]`).getByTestId('pair-caption');
  await expect(caption).toHaveText(hostile.pair.caption!);
  // Text, not markup: the caption element has no element children at all.
  expect(await caption.evaluate((el) => el.childElementCount)).toBe(0);
  expect(await ranScript()).toBe(false);
});

test('shows the API error message for an unknown dataset', async ({ page, request }) => {
  const res = await request.get('/api/pairs?dataset=no-such-dataset');
  expect(res.status()).toBe(404);
  const { error } = (await res.json()) as { error: { message: string } };
  await page.goto('/browse?dataset=no-such-dataset');
  await expect(page.getByTestId('error-message')).toHaveText(error.message);
});

// The search page: text, image and "more like this" queries, filters in the URL, keyboard, hostile captions
// (safe mode on this page: safe-mode.spec.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, findHostileCaption, pairWithCaption, searchUrl, test, watchForScripts } from './fixtures';

// A local demo photo (the horse silhouette), read here and handed to the page as a dropped file.
const PHOTO = path.join(process.cwd(), 'data/demo/photos/00000/000000004.png');

const results = (page: Page) => page.getByTestId('results-grid').getByTestId('pair-card');
const result = (page: Page, id: number) => page.getByTestId('results-grid').locator(`[data-pair-id="${id}"]`);
// The mode of the search whose results are on screen (the previous results stay, dimmed, while the next load).
const answeredMode = (page: Page) => page.getByTestId('result-mode');

test('finds a pair by its exact caption among caption embeddings, and shows scores on demand', async ({ page, request }) => {
  const coffee = await pairWithCaption(request, 'a cup of coffee on a saucer');
  await page.goto(searchUrl(coffee.dataset));
  await expect(answeredMode(page)).toHaveText('filter');
  await expect(page.getByTestId('semantic-banner')).toHaveCount(0);

  await page.getByTestId('filters-toggle').click();
  await page.getByTestId('filter-modality').selectOption('text');
  await expect(page).toHaveURL(/[?&]modality=text\b/);
  await page.getByTestId('search-input').fill(coffee.pair.caption!);
  await page.getByTestId('search-submit').click();

  await expect(page).toHaveURL(/[?&]q=a\+cup\+of\+coffee/);
  await expect(answeredMode(page)).toHaveText('semantic');
  await expect(results(page).first()).toHaveAttribute('data-pair-id', String(coffee.pair.id));
  await expect(page.getByTestId('result-count')).toContainText(/\d+\+? results? in /);

  await expect(page.getByTestId('hit-score')).toHaveCount(0);
  await page.getByTestId('scores-toggle').click();
  await expect(page.getByTestId('scores-toggle')).toHaveAttribute('aria-pressed', 'true');
  const score = results(page).first().getByTestId('hit-score');
  await expect(score).toBeVisible();
  const value = Number(await score.textContent());
  expect(value).toBeGreaterThanOrEqual(-1);
  expect(value).toBeLessThanOrEqual(1);

  // Hybrid sends the same words as text and as keywords: the exact caption still ranks first.
  await page.getByTestId('search-mode').selectOption('hybrid');
  await expect(page).toHaveURL(/[?&]mode=hybrid\b/);
  await expect(answeredMode(page)).toHaveText('hybrid');
  await expect(results(page).first()).toHaveAttribute('data-pair-id', String(coffee.pair.id));
});

test('keeps filters in the URL, restores them with back and forward, and drops values the API would refuse', async ({ page }) => {
  await page.goto(searchUrl('e2e-curation'));
  await expect(results(page)).toHaveCount(2);
  await page.getByTestId('filters-toggle').click();
  await expect(page.getByTestId('filters-panel')).toBeVisible();
  const punsafe = page.getByTestId('filter-punsafeMax');
  const flags = page.getByTestId('filter-flagState');

  await punsafe.fill('0.5');
  await punsafe.press('Enter');
  await expect(page).toHaveURL(/[?&]punsafeMax=0\.5\b/);
  await expect(results(page)).toHaveCount(1);
  await expect(flags).toHaveValue('unflagged');
  await flags.selectOption('any');
  await expect(page).toHaveURL(/[?&]flagState=any\b/);

  await page.goBack();
  await expect(page).not.toHaveURL(/flagState=/);
  await expect(flags).toHaveValue('unflagged');
  await expect(punsafe).toHaveValue('0.5');
  await page.goBack();
  await expect(page).not.toHaveURL(/punsafeMax=/);
  await expect(punsafe).toHaveValue('');
  await expect(results(page)).toHaveCount(2);
  await page.goForward();
  await expect(punsafe).toHaveValue('0.5');
  await expect(results(page)).toHaveCount(1);
  await page.goForward();
  await expect(flags).toHaveValue('any');

  await page.goto(searchUrl('e2e-curation', { punsafeMax: 'lots', widthMin: '-3', flagState: 'maybe' }));
  await expect(results(page)).toHaveCount(2);
  await page.goto(searchUrl('e2e-curation', { widthMin: '100000' }));
  await expect(page.getByRole('heading', { name: 'No pairs match this search' })).toBeVisible();
});

test('searches by an image dropped on the page or chosen with the file picker', async ({ page, request }) => {
  const horse = await pairWithCaption(request, 'a black-and-white silhouette of a horse');
  await page.goto(searchUrl(horse.dataset));
  await expect(answeredMode(page)).toHaveText('filter');

  const bytes = fs.readFileSync(PHOTO).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'horse.png', { type: 'image/png' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    return transfer;
  }, bytes);
  await page.getByTestId('image-drop').dispatchEvent('drop', { dataTransfer });

  await expect(page.getByTestId('image-chip')).toContainText('horse.png');
  await expect(page).toHaveURL(/[?&]image=upload\b/);
  await expect(answeredMode(page)).toHaveText('semantic');
  await expect(results(page).first()).toBeVisible();

  await page.getByRole('button', { name: 'Remove the image query' }).click();
  await expect(page.getByTestId('image-chip')).toHaveCount(0);
  await expect(page).not.toHaveURL(/image=upload/);
  await expect(answeredMode(page)).toHaveText('filter');

  await page.getByTestId('image-file-input').setInputFiles(PHOTO);
  await expect(page.getByTestId('image-chip')).toBeVisible();
  await expect(answeredMode(page)).toHaveText('semantic');
  await expect(results(page).first()).toBeVisible();

  // The file itself cannot be in the link: a reload says so instead of searching for nothing.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'The image is not part of the link' })).toBeVisible();
});

test('"More like this" searches by the pair\'s own vector, which finds the pair first; a caption search fills the box', async ({ page, request }) => {
  const rocket = await pairWithCaption(request, 'a rocket standing on a launchpad');
  await page.goto(searchUrl(rocket.dataset));
  await result(page, rocket.pair.id).getByTestId('more-like-this').click();

  await expect(page).toHaveURL(new RegExp(`[?&]pairId=${rocket.pair.id}\\b`));
  await expect(page.getByTestId('pair-chip')).toContainText(`#${rocket.pair.id}`);
  await expect(answeredMode(page)).toHaveText('semantic');
  await expect(results(page).first()).toHaveAttribute('data-pair-id', String(rocket.pair.id));

  await results(page).first().getByTestId('search-caption').click();
  await expect(page).not.toHaveURL(/pairId=/);
  await expect(page).toHaveURL(/[?&]q=a\+rocket\+standing/);
  await expect(page.getByTestId('search-input')).toHaveValue(rocket.pair.caption!);
  await expect(page.getByTestId('pair-chip')).toHaveCount(0);
});

test('/ focuses the search box, arrow keys move between cards, Enter opens the pair page', async ({ page, request }) => {
  const { dataset } = await pairWithCaption(request, 'a facial photo of a tabby cat');
  await page.goto(searchUrl(dataset));
  const cards = results(page);
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();

  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  // Inside a field, / is just a character.
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toHaveValue('/');

  await cards.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(cards.first()).toBeFocused();
  const columns = await page.getByTestId('results-grid').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  await page.keyboard.press('ArrowDown');
  const below = columns < count ? columns : 0;
  await expect(cards.nth(below)).toBeFocused();

  const id = await cards.nth(below).getAttribute('data-pair-id');
  const caption = await cards.nth(below).getByTestId('pair-caption').textContent();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/pairs/${id}$`));
  const shown = page.getByTestId('pair-inspect').getByTestId('pair-caption');
  await expect(shown).toHaveText(caption!);
  expect(await shown.evaluate((el) => el.childElementCount)).toBe(0);
  await expect(page.getByTestId('pair-metadata')).toContainText('Source row');

  await page.getByTestId('back-link').click();
  await expect(page).toHaveURL(searchUrl(dataset));
});

test('renders a caption full of markup as literal text, in results and on the pair page', async ({ page, request }) => {
  const hostile = await findHostileCaption(request);
  const ranScript = watchForScripts(page);

  await page.goto(searchUrl(hostile.dataset));
  const caption = result(page, hostile.pair.id).getByTestId('pair-caption');
  await expect(caption).toHaveText(hostile.pair.caption!);
  expect(await caption.evaluate((el) => el.childElementCount)).toBe(0);

  // Searching with it puts the markup into the box and the URL, still as text.
  await result(page, hostile.pair.id).getByTestId('search-caption').click();
  await expect(page.getByTestId('search-input')).toHaveValue(hostile.pair.caption!);
  await expect(answeredMode(page)).toHaveText('semantic');

  await page.goto(`/pairs/${hostile.pair.id}`);
  const full = page.getByTestId('pair-inspect').getByTestId('pair-caption');
  await expect(full).toHaveText(hostile.pair.caption!);
  expect(await full.evaluate((el) => el.childElementCount)).toBe(0);
  expect(await ranScript()).toBe(false);
});

test('explains that semantic search is off for a dataset without embeddings, and answers by keyword', async ({ page }) => {
  // e2e-bare is the fixture folder ingested again and never embedded (scripts/e2e-server.ts).
  await page.goto(searchUrl('e2e-bare'));
  const banner = page.getByTestId('semantic-banner');
  await expect(banner).toContainText('Semantic search is off');
  await expect(banner).toContainText('dataset "e2e-bare" has no embeddings yet');
  await expect(banner).toContainText('npm run sieve -- embed --dataset e2e-bare');

  await page.getByTestId('search-input').fill('tabby cat');
  await page.getByTestId('search-input').press('Enter');
  await expect(answeredMode(page)).toHaveText('keyword');
  await expect(page.getByTestId('search-notice')).toContainText('keyword matches');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first().getByTestId('pair-caption')).toHaveText('a facial photo of a tabby cat, marked unsafe by a test');
});

test('shows the API error message for an unknown dataset', async ({ page, request }) => {
  const res = await request.post('/api/search', { data: { dataset: 'no-such-dataset' } });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  const { error } = (await res.json()) as { error: { message: string } };
  await page.goto(searchUrl('no-such-dataset'));
  await expect(page.getByTestId('error-message')).toHaveText(error.message);
});

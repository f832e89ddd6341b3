// Curation in the browser: a curator flags a card from the keyboard, a selection of three, and a whole search (a
// background job); a reviewer confirms a flag with `y`, and the pair stays out of the default search.
import type { Page } from '@playwright/test';
import { ensureUser, expect, searchUrl, signIn, test } from './fixtures';

const results = (page: Page) => page.getByTestId('results-grid').getByTestId('pair-card');

test('a curator flags from the keyboard, a selection and a whole search; a reviewer confirms with y', async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const curator = await ensureUser(request, baseURL!, 'curator');
  const reviewer = await ensureUser(request, baseURL!, 'reviewer');
  await signIn(page, curator.email, curator.password);

  // One card from the keyboard: focus it, `f`, then 7 (Watermark, the seventh reason).
  await page.goto(searchUrl('laion-1k'));
  const first = results(page).first();
  const flaggedId = Number(await first.getAttribute('data-pair-id'));
  await first.focus();
  await page.keyboard.press('f');
  await expect(page.getByTestId('flag-keys-hint')).toBeVisible();
  await page.keyboard.press('7');
  await expect(page.getByTestId('toast').last()).toContainText(`Pair #${flaggedId} flagged as Watermark`);
  // Flagged pairs leave the default search.
  await expect(page.getByTestId('results-grid').locator(`[data-pair-id="${flaggedId}"]`)).toHaveCount(0);

  // Three cards: a click, then shift-click two further on for the range.
  const boxes = results(page).getByTestId('card-select');
  await boxes.nth(0).click();
  await boxes.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  const chosen = await results(page).evaluateAll((els) => els.filter((e) => e.getAttribute('data-selected') === 'true').map((e) => Number(e.getAttribute('data-pair-id'))));
  expect(chosen).toHaveLength(3);
  await page.getByTestId('flag-selection').click();
  const dialog = page.getByTestId('flag-dialog');
  await dialog.getByTestId('flag-reason-caption_mismatch').check();
  await dialog.getByTestId('flag-confirm').click();
  await expect(page.getByTestId('toast').last()).toContainText('3 pairs flagged as Caption mismatch');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);

  // A whole search: 1,500 keyword matches, more than one request flags, so a background job does it.
  await page.goto(searchUrl('e2e-bulk', { q: 'number', mode: 'keyword' }));
  await expect(results(page).first()).toBeVisible();
  await page.getByTestId('flag-all').click();
  await expect(dialog.getByTestId('flag-count')).toContainText('1,500 pairs in “e2e-bulk”, flagged by a background job');
  await dialog.getByTestId('flag-reason-broken_link').check();
  await dialog.getByTestId('flag-confirm').click();
  await expect(page.getByTestId('toast').last()).toContainText('in the background (job');
  await page.goto('/jobs');
  const job = page.getByTestId('job-row').first();
  await expect(job).toContainText('Flag a search as broken_link');
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(job).toContainText('1,500/1,500');
  await page.getByTestId('sign-out').click();

  // The reviewer confirms the keyboard flag with `y`.
  await signIn(page, reviewer.email, reviewer.password);
  await page.goto('/review');
  await page.getByTestId('review-reason').selectOption('watermark');
  const item = page.getByTestId('review-item');
  await expect(item).toHaveAttribute('data-pair-id', String(flaggedId));
  await page.getByTestId('review').focus();
  await page.keyboard.press('y');
  await expect(page.getByText('Nothing to review')).toBeVisible();
  // The queue moves on at once; the decision lands a moment later.
  const flagOf = async () => ((await (await request.get(`/api/pairs/${flaggedId}/flags`)).json()) as { flags: { reason: string; state: string }[] }).flags[0];
  await expect.poll(flagOf).toMatchObject({ reason: 'watermark', state: 'confirmed' });
  await page.goto(searchUrl('laion-1k'));
  await expect(results(page).first()).toBeVisible();
  await expect(page.getByTestId('results-grid').locator(`[data-pair-id="${flaggedId}"]`)).toHaveCount(0);
  await page.goto(searchUrl('laion-1k', { flagState: 'flagged' }));
  await expect(page.getByTestId('results-grid').locator(`[data-pair-id="${flaggedId}"]`)).toHaveCount(1);
});

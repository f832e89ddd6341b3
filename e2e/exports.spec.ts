// Export in the browser: run a search, export it as CSV, watch the job finish on /exports, download the file.
import { ensureUser, expect, searchUrl, signIn, test } from './fixtures';

test('a curator exports a search as CSV and downloads it with the right row count', async ({ page, request, baseURL }) => {
  const curator = await ensureUser(request, baseURL!, 'curator');
  await signIn(page, curator.email, curator.password);
  await page.goto(searchUrl('e2e-bulk', { q: 'number', mode: 'keyword', widthMin: '145' }));
  await expect(page.getByTestId('results-grid').getByTestId('pair-card').first()).toBeVisible();
  await page.getByTestId('export-results').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-keep-none').check();
  await dialog.getByTestId('export-format').selectOption('csv');
  await dialog.getByTestId('export-confirm').click();
  await expect(page.getByTestId('toast').last()).toContainText('queued');

  await page.goto('/exports');
  const row = page.getByTestId('export-row').first();
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // WIDTH is 100 + (i mod 50): 145 and up is 5 of every 50 rows, 150 of e2e-bulk's 1,500.
  await expect(row.getByTestId('export-rows')).toHaveText('150');
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^sieve-export-\d+\.csv$/);
  const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toMatch(/^URL,TEXT,WIDTH,HEIGHT,/);
  expect(lines).toHaveLength(151);
});

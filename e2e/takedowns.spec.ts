// A person asks through the public form; a curator matches it, unticks a false match, applies it, and the pairs are
// gone from a clean export.
import type { APIRequestContext } from '@playwright/test';
import type { PairPage } from '../lib/pairs/schemas';
import { ensureUser, expect, signIn, test } from './fixtures';

async function bulkPairs(request: APIRequestContext) {
  const res = await request.get('/api/pairs?dataset=e2e-bulk&pageSize=20');
  return ((await res.json()) as PairPage).items;
}

test('public opt-out → match, preview, untick a false match, apply → gone from a clean export', async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const [mine, alsoMine, notMine] = (await bulkPairs(request)).slice(10, 13);
  // The form, as a visitor without an account.
  await page.goto('/opt-out');
  await page.getByTestId('opt-out-name').fill('Jane Doe');
  await page.getByTestId('opt-out-contact').fill('jane@example.org');
  await page.getByTestId('opt-out-urls').fill([mine.url, alsoMine.url, notMine.url].join('\n'));
  await page.getByTestId('opt-out-statement').fill('These are photos of me; please take them out.');
  await page.getByTestId('opt-out-submit').click();
  const link = page.getByTestId('opt-out-link');
  await expect(link).toBeVisible();
  const tracking = (await link.getAttribute('href'))!;
  await page.goto(tracking);
  await expect(page.getByTestId('opt-out-status')).toHaveAttribute('data-state', 'received');

  const curator = await ensureUser(request, baseURL!, 'curator');
  await signIn(page, curator.email, curator.password);
  await page.goto('/takedowns');
  const row = page.getByTestId('takedown-row').filter({ hasText: 'Jane Doe' }).first();
  await row.getByRole('link').click();
  await page.getByTestId('takedown-match').click();
  await expect(page.getByTestId('takedown-state')).toHaveText('matched');
  await expect(page.getByTestId('match-card')).toHaveCount(3);
  // The third URL was someone else's: untick it.
  const keep = page.locator(`[data-testid="match-card"][data-pair-id="${notMine.id}"]`).getByTestId('match-keep');
  await keep.click();
  // The box follows the server: unticked once the change is saved.
  await expect(keep).not.toBeChecked();
  await expect(page.getByTestId('takedown-apply')).toHaveText('Apply to 2 pairs');
  await page.getByTestId('takedown-apply').click();
  await expect(page.getByTestId('toast').last()).toContainText('2 pairs flagged');
  await expect(page.getByTestId('takedown-state')).toHaveText('applied');

  // A curator's takedown raises open flags; a reviewer confirms them (four eyes), through the API as the queue would.
  const headers = { origin: new URL(baseURL!).origin };
  const reviewer = await ensureUser(request, baseURL!, 'reviewer');
  await signIn(page, reviewer.email, reviewer.password);
  // flags.spec flags all of e2e-bulk, so the queue's first page may not reach these: take each pair's own flags.
  const raised: number[] = [];
  for (const pair of [mine, alsoMine]) {
    const { flags } = (await (await page.request.get(`/api/pairs/${pair.id}/flags`)).json()) as { flags: { id: number; state: string; createdByEmail: string | null }[] };
    const flag = flags.find((f) => f.state === 'open' && f.createdByEmail === curator.email);
    expect(flag, `an open takedown flag on pair ${pair.id}`).toBeDefined();
    raised.push(flag!.id);
  }
  for (const id of raised) {
    const decided = await page.request.post(`/api/flags/${id}/decision`, { data: { decision: 'confirm' }, headers });
    expect(decided.ok(), await decided.text()).toBe(true);
  }

  // A clean export of the dataset (through the API, as the page would) leaves them out and keeps the false match.
  const made = await page.request.post('/api/exports', { data: { source: { kind: 'dataset', dataset: 'e2e-bulk' }, format: 'urls' }, headers });
  expect(made.ok(), await made.text()).toBe(true);
  const { export: e } = (await made.json()) as { export: { id: number } };
  await expect.poll(async () => ((await (await page.request.get(`/api/exports/${e.id}`)).json()) as { export: { state: string } }).export.state, { timeout: 60_000 }).toBe('done');
  const urls = (await (await page.request.get(`/api/exports/${e.id}/download`)).text()).split('\n');
  expect(urls).not.toContain(mine.url);
  expect(urls).not.toContain(alsoMine.url);
  expect(urls).toContain(notMine.url);

  // The tracking link now says it is done, and shows no picture or URL.
  await page.goto(tracking);
  await expect(page.getByTestId('opt-out-status')).toHaveAttribute('data-state', 'applied');
  await expect(page.getByTestId('opt-out-status')).toContainText('2 pictures taken out');
  await expect(page.locator('img')).toHaveCount(0);
});

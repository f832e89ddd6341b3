// Safe mode: images likely to be unsafe stay blurred until clicked, on every page that shows pairs,
// unless the header switch turns it off.
import { expect, findPair, searchUrl, test } from './fixtures';

for (const where of ['browse', 'search'] as const) {
  test(`blurs an unsafe image on the ${where} page until clicked, and the safe-mode switch turns blurring off for good`, async ({ page, request }) => {
    const unsafe = await findPair(request, (p) => (p.punsafe ?? 0) > 0.5 && !!p.imageSrc?.startsWith('/api/'));
    expect(unsafe, 'e2e/fixtures needs a pair with a local image and punsafe > 0.5').not.toBeNull();
    await page.goto(where === 'browse' ? unsafe!.href : searchUrl(unsafe!.dataset));
    const card = page.locator(`[data-pair-id="${unsafe!.pair.id}"]`);
    const img = card.locator('img');
    const toggle = page.getByTestId('safe-mode-toggle');

    await expect(card.getByTestId('unsafe-badge')).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(img).toHaveCSS('filter', /blur/);

    await card.getByRole('button', { name: 'Show unsafe image' }).click();
    await expect(img).toHaveCSS('filter', 'none');
    await page.reload();
    await expect(img).toHaveCSS('filter', /blur/);

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(img).toHaveCSS('filter', 'none');
    await page.reload();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(img).toHaveCSS('filter', 'none');

    await toggle.click();
    await expect(img).toHaveCSS('filter', /blur/);
  });
}

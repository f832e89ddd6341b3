// Accounts in the browser: sign in and out, what a viewer is (not) offered, and an admin's change showing in /audit.
import type { Page } from '@playwright/test';
import { DEMO_ADMIN } from '../lib/auth/ensure-demo-admin';
import { expect, signIn, test } from './fixtures';


async function signOut(page: Page) {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
}

test('signs in with the demo admin, shows who and what role, and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
  await page.goto('/signin');
  await page.getByTestId('signin-email').fill(DEMO_ADMIN.email);
  await page.getByTestId('signin-password').fill('not the password');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-error')).toHaveText('Invalid email or password');

  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expect(page.getByTestId('current-role')).toHaveText('admin');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toBeVisible();
  await signOut(page);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('an admin adds a viewer and changes their role; the viewer is offered no curation, and /audit shows the change', async ({ page }) => {
  const email = `viewer-${Date.now()}@e2e.local`;
  const password = 'a viewer password';
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/admin/users');
  const form = page.getByTestId('add-user-form');
  await form.getByTestId('new-user-email').fill(email);
  await form.getByLabel(/Password/).fill(password);
  await form.getByRole('button', { name: 'Add user' }).click();
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId('user-role')).toHaveValue('viewer');
  await signOut(page);

  await signIn(page, email, password);
  await expect(page.getByTestId('current-role')).toHaveText('viewer');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Search' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByText('This page needs the admin role')).toBeVisible();
  await expect(page.getByTestId('users-table')).toHaveCount(0);
  await signOut(page);

  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/admin/users');
  await row.getByTestId('user-role').selectOption('curator');
  await expect(row.getByTestId('user-role')).toHaveValue('curator');
  await page.goto('/audit?action=user.role');
  const event = page.getByTestId('audit-row').first();
  await expect(event).toHaveAttribute('data-action', 'user.role');
  await expect(event).toContainText(DEMO_ADMIN.email);
  await expect(event).toContainText('"to":"curator"');
  await expect(event).toContainText(email);
});

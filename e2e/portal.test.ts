import { test, expect } from '@playwright/test';
import { signIn, saveScreenshot } from './helpers';

test('the portal opens, lists the catalog and the templates', async ({ page }) => {
  await signIn(page);

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Reference Architecture/ })).toBeVisible();
  // The catalog table lists entities registered through catalog-info.yaml.
  await page.getByRole('button', { name: /System/i }).first().click().catch(() => {});
  await expect(page.getByRole('table')).toBeVisible();
  await saveScreenshot(page, 'catalog');

  await nav.getByRole('link', { name: /Create/ }).click();
  await expect(page.getByRole('heading', { name: /Create a new component/i })).toBeVisible();
  await saveScreenshot(page, 'templates');
});

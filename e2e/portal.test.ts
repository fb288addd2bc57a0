import { test, expect } from '@playwright/test';
import { signIn, saveScreenshot } from './helpers';

test('the portal opens, lists the catalog and the templates', async ({ page }) => {
  await signIn(page);

  await page.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Reference Architecture Catalog' })).toBeVisible();
  // Entities registered through catalog-info.yaml: the project itself and the documented services.
  await expect(page.getByRole('link', { name: /Reference Architecture Portal/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /patient-service/ })).toBeVisible();
  await saveScreenshot(page, 'catalog');

  await page.getByRole('link', { name: 'Create', exact: true }).first().click();
  await expect(page).toHaveURL(/\/create/);
  await expect(page.getByRole('heading', { name: /Create a new component/i })).toBeVisible();
  await saveScreenshot(page, 'templates');
});

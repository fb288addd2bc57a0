import { test, expect } from '@playwright/test';
import { signIn, saveScreenshot } from './helpers';

// One production system per documented architecture (catalog/<folder>/systems.yaml).
const SYSTEMS = [
  ['dta-wide', 'dta-wide-production', 'dta-wide-cloud-sql'],
  ['techcorp', 'techcorp-production', 'techcorp-rds-postgres'],
  ['set-platform', 'set-platform-prod-eu', 'set-platform-rds-postgres'],
  ['t-developer', 't-developer-platform', 't-developer-kms-master-key'],
  ['medtech', 'medtech-production', 'medtech-rds-postgres'],
];

for (const [folder, system, dataStore] of SYSTEMS) {
  test(`the ${folder} architecture is in the catalog with its parts connected`, async ({ page }) => {
    await signIn(page);
    await page.goto(`/catalog/default/system/${system}`);
    await expect(page.getByRole('heading', { name: system, exact: false }).first()).toBeVisible();
    // The system page lists its parts; the graph connects services, data stores and owners.
    await expect(page.getByRole('link', { name: dataStore }).first()).toBeVisible();
    await page.goto(`/catalog-graph?rootEntityRefs%5B%5D=system%3Adefault%2F${system}&maxDepth=2&unidirectional=false`);
    await expect(page.locator('svg').getByText(dataStore, { exact: false }).first()).toBeVisible();
    await saveScreenshot(page, `graph-${folder}`);
  });
}

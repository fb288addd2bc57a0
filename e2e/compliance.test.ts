import { test, expect } from './consoleGate';
import { signIn, saveScreenshot } from './helpers';

test('an entity shows its compliance and DR status, and the fleet page filters by owner', async ({
  page,
}) => {
  await signIn(page);
  // [000] keeps Cloud SQL backups 30 days: the 35-day backup control fails, shown on the entity page.
  await page.goto('/catalog/default/resource/dta-wide-cloud-sql');
  await expect(page.getByText('Compliance').first()).toBeVisible();
  await expect(
    page.getByRole('table', {
      name: 'Recovery objectives per disruption type',
    }),
  ).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(page, 'entity-dta-wide-cloud-sql');

  await page.goto('/catalog/default/resource/dta-wide-cloud-sql/compliance');
  const results = page.getByRole('table', { name: 'Control results' });
  await expect(results).toBeVisible();
  await expect(results.getByText('DR-02')).toBeVisible();
  await saveScreenshot(page, 'compliance-tab-dta-wide-cloud-sql');

  await page.goto('/compliance');
  await expect(
    page.getByRole('table', { name: 'Assessed entities' }),
  ).toBeVisible();
  await page
    .getByRole('combobox', { name: 'Owner' })
    .selectOption({ label: 'medtech-devops-team' });
  await expect(page).toHaveURL(/owner=/);
  const table = page.getByRole('table', { name: 'Assessed entities' });
  await expect(table.getByText(/medtech-/).first()).toBeVisible();
  await expect(table.getByText(/dta-wide-/)).toHaveCount(0);
  await saveScreenshot(page, 'fleet-owner-medtech');
});

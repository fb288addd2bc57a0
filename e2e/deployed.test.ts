import { test, expect } from './consoleGate';
import { saveScreenshot, signIn } from './helpers';

// Deployed stacks (issue 18): e2e/app-config.e2e.yaml adds two example entities whose stacks
// are answered by the backend's fake CloudFormation client (account 000000000000).

test('an entity shows its deployed stack with drift, and the fleet filters by drift', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);

  // The read pass runs every 20 s and drift detection every 30 s: wait for both.
  await expect(async () => {
    await page.goto(
      '/catalog/default/resource/e2e-orders-data-drifted/compliance',
    );
    const deployed = page.getByText('Deployed', { exact: true }).first();
    await expect(deployed).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Drifted resources')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 180_000, intervals: [5_000] });

  await expect(page.getByText('UPDATE_COMPLETE')).toBeVisible();
  await expect(page.locator('[data-status="drifted"]').first()).toBeVisible();
  await expect(page.getByText('/BucketEncryption')).toBeVisible();
  await expect(page.getByText('SSEAlgorithm: aws:kms')).toBeVisible();
  await expect(
    page.getByRole('link', { name: /AWS console/ }).first(),
  ).toHaveAttribute('href', /eu-central-1\.console\.aws\.amazon\.com/);
  // Live wins for the verdict, and the control shows what the repository's template says beside it.
  await expect(
    page.locator('[data-control="ENC-03"]').getByText('Sources disagree'),
  ).toBeVisible();
  await page.getByLabel('Show details of ENC-03').click();
  const sources = page.getByRole('table', { name: 'Sources of ENC-03' });
  await expect(sources.locator('[data-source="iac"]')).toContainText('Pass');
  await expect(sources.locator('[data-source="iac"]')).toContainText(
    'orders-data.json',
  );
  await expect(sources.locator('[data-source="live"]')).toContainText('Fail');
  await saveScreenshot(page, 'deployed-drifted');

  // The fleet shows drift as a column and filters by it.
  await expect(async () => {
    await page.goto('/compliance?drift=drifted');
    const table = page.getByRole('table', { name: 'Assessed entities' });
    await expect(
      table.getByRole('link', { name: 'e2e-orders-data-drifted' }),
    ).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  const table = page.getByRole('table', { name: 'Assessed entities' });
  await expect(
    table.getByRole('link', { name: 'e2e-orders-data', exact: true }),
  ).toHaveCount(0);
  await expect(table.locator('[data-status="drifted"]').first()).toBeVisible();
  await saveScreenshot(page, 'fleet-drifted');
});

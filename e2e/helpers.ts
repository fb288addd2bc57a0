import { Page, expect } from '@playwright/test';
import fs from 'fs';

/** Signs in with the guest provider of the embedded defaults. */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(sidebarLink(page, 'Catalog')).toBeVisible();
}

/** A link of the sidebar (the breadcrumbs repeat some names). */
export function sidebarLink(page: Page, name: string) {
  return page
    .getByTestId('sidebar-root')
    .getByRole('link', { name, exact: true });
}

/** Saves a full-page screenshot under e2e-screenshots/ for people to look at. */
export async function saveScreenshot(page: Page, name: string) {
  fs.mkdirSync('e2e-screenshots', { recursive: true });
  await page.screenshot({
    path: `e2e-screenshots/${name}.png`,
    fullPage: true,
  });
}

/**
 * Fills the aws-service template's form (three pages) up to its review page: name, description,
 * owner and system from the catalog, the production environment, alerting and the repository.
 * The same form shows in the portal's wizard and in the template editor's preview.
 * `name` names the service and its repository (default orders-api); `repoHost` picks the
 * repository's host among those the picker offers (default: the first, github.com).
 */
export async function fillAwsServiceForm(
  page: Page,
  screenshotPrefix: string,
  options: { name?: string; repoHost?: string } = {},
) {
  const name = options.name ?? 'orders-api';
  await page.getByLabel('Name').first().fill(name);
  await page
    .getByLabel('Description')
    .fill('Takes and tracks the orders of the shop');
  // Catalog pickers: type, then take the first suggestion the catalog returns.
  const pick = async (label: string, text: string) => {
    const box = page.getByRole('textbox', { name: label }).first();
    await box.click();
    await box.fill(text);
    await page.getByRole('option').first().click();
  };
  await pick('Owner', 'platform');
  await pick('System', 'medtech');
  await saveScreenshot(page, `${screenshotPrefix}-1`);
  await page.getByRole('button', { name: 'Next' }).click();

  await pick('Production environment', 'medtech');
  await page.getByRole('button', { name: 'Next' }).click();

  await page
    .getByLabel('PagerDuty endpoint')
    .fill(
      'https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue',
    );
  if (options.repoHost)
    await page
      .locator('select')
      .filter({ has: page.locator(`option[value="${options.repoHost}"]`) })
      .selectOption(options.repoHost);
  await page.getByLabel('Owner', { exact: false }).last().fill('acme');
  await page
    .getByLabel('Repository', { exact: false })
    .last()
    .pressSequentially(name);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(1_000);
  await saveScreenshot(page, `${screenshotPrefix}-3`);
  await page.getByRole('button', { name: 'Review' }).click();
}

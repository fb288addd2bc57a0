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

/**
 * Signs in as the second guest of e2e/app-config.e2e.yaml (`auth.providers.second-guest`: the
 * engineer of catalog/org.yaml, not a tech lead). The sign-in page offers only the guest, so
 * its sign-in request goes to the second provider instead: a real token from the auth backend
 * for that catalog user (packages/backend/src/secondGuestProviderModule.ts).
 */
export async function signInAsSecondGuest(page: Page) {
  await page.route('**/api/auth/guest/refresh**', route =>
    route.continue({
      url: route
        .request()
        .url()
        .replace('/api/auth/guest/', '/api/auth/second-guest/'),
    }),
  );
  await signIn(page);
}

/** Words inside the cells of a table whose letters lie on more than one line. */
export function brokenWords(page: Page, tableLabel: string) {
  return page.evaluate(label => {
    const broken: string[] = [];
    const table = document.querySelector(`table[aria-label="${label}"]`);
    for (const cell of table?.querySelectorAll('th, td') ?? []) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index!);
          range.setEnd(n, m.index! + m[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  }, tableLabel);
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

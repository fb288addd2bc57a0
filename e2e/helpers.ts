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
  return page.getByTestId('sidebar-root').getByRole('link', { name, exact: true });
}

/** Saves a full-page screenshot under e2e-screenshots/ for people to look at. */
export async function saveScreenshot(page: Page, name: string) {
  fs.mkdirSync('e2e-screenshots', { recursive: true });
  await page.screenshot({ path: `e2e-screenshots/${name}.png`, fullPage: true });
}

import { test, expect } from './consoleGate';
import { signIn, saveScreenshot, sidebarLink } from './helpers';

test('the portal opens, lists the catalog and the templates', async ({
  page,
}) => {
  await signIn(page);

  await sidebarLink(page, 'Catalog').click();
  await expect(
    page.getByRole('heading', { name: 'Reference Architecture Catalog' }),
  ).toBeVisible();
  // Entities registered through catalog-info.yaml: the project itself and the documented services.
  await expect(
    page.getByRole('link', { name: /Reference Architecture Portal/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /patient-service/ }),
  ).toBeVisible();
  await saveScreenshot(page, 'catalog');

  await sidebarLink(page, 'Create').click();
  await expect(page).toHaveURL(/\/create/);
  await expect(page.getByRole('heading', { name: 'Templates' })).toBeVisible();
  // The Software Templates registered through catalog-info.yaml.
  await expect(
    page.getByRole('heading', {
      name: 'AWS environment (reference architecture)',
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', {
      name: 'Node.js service on ECS Fargate (reference architecture)',
    }),
  ).toBeVisible();
  await saveScreenshot(page, 'templates');
});

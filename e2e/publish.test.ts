import { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './consoleGate';
import { execFileSync } from 'child_process';
import path from 'path';
import { signIn, saveScreenshot, fillAwsServiceForm } from './helpers';

/*
 * A real run (not a dry run) of the aws-service template in Chromium: publish:github creates the
 * repository on the fake GitHub that playwright.config.ts starts (a local server answering the
 * REST API and git over HTTP; e2e/app-config.e2e.yaml configures its integration, host
 * localhost:FAKE_GITHUB_PORT), catalog:register registers the entity, and the task page shows
 * the output links: the repository, the entity and its Compliance tab.
 */
const fakeHost = `localhost:${process.env.FAKE_GITHUB_PORT}`;
const fakeRoot = process.env.FAKE_GITHUB_ROOT!;
const backendUrl = `http://localhost:${
  process.env.PORTAL_BACKEND_PORT ?? '7007'
}`;

/**
 * Approves the template's current version through the compliance API as the guest, a tech lead
 * (catalog/org.yaml). Retried: after the portal's start the catalog needs a while to hold the
 * template and the guest's membership, which the sign-in puts in the token.
 */
async function approveAsTechLead(request: APIRequestContext, name: string) {
  const api = `${backendUrl}/api/compliance/v1/templates/default/${name}`;
  await expect(async () => {
    const refresh = await request.get(`${backendUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(refresh.ok()).toBe(true);
    const token = (await refresh.json()).backstageIdentity.token as string;
    const headers = { authorization: `Bearer ${token}` };
    // The form's pickers offer what the catalog holds: wait for the systems it picks.
    for (const system of ['medtech-production', 'medtech-staging']) {
      const entity = await request.get(
        `${backendUrl}/api/catalog/entities/by-name/system/default/${system}`,
        { headers },
      );
      expect(entity.status(), `system:default/${system}`).toBe(200);
    }
    const current = await request.get(`${api}/current`, { headers });
    expect(current.status(), await current.text()).toBe(200);
    const { version, state } = await current.json();
    if (state === 'approved') return;
    const decided = await request.post(`${api}/versions/${version}/approve`, {
      headers,
      data: { comment: 'Approved for the published run (e2e)' },
    });
    expect(decided.status(), await decided.text()).toBe(200);
  }).toPass({ timeout: 180_000, intervals: [2_000] });
}

/**
 * The RepoUrlPicker offers only the template's `allowedHosts` that have an integration, and the
 * template allows github.com alone ("add a host here when app-config has its integration"). An
 * operator with a GitHub Enterprise adds its host there; the test does the same for the fake's
 * host in the parameter schema the form is built from, leaving the template's file as it is.
 */
async function allowFakeHost(page: Page) {
  await page.route(
    '**/api/scaffolder/v2/templates/default/template/aws-service/parameter-schema',
    async route => {
      const response = await route.fetch();
      const schema = await response.json();
      const visit = (node: unknown) => {
        if (!node || typeof node !== 'object') return;
        const options = (node as any)['ui:options'];
        if (Array.isArray(options?.allowedHosts))
          options.allowedHosts = [...options.allowedHosts, fakeHost];
        Object.values(node).forEach(visit);
      };
      visit(schema);
      await route.fulfill({ response, json: schema });
    },
  );
}

test('a real run of aws-service publishes to the fake GitHub, registers the entity and links to the repository, the entity and its Compliance tab', async ({
  page,
  request,
}, testInfo) => {
  // Right after the portal's start the catalog is still loading, and the first scaffolder run
  // on a loaded 2-core machine takes a while.
  test.setTimeout(480_000);
  // A retry publishes a repository of another name (the first attempt's may exist).
  const name = testInfo.retry ? `orders-api-r${testInfo.retry}` : 'orders-api';
  await approveAsTechLead(request, 'aws-service');

  await allowFakeHost(page);
  await signIn(page);
  await page.goto('/create/templates/default/aws-service');
  await fillAwsServiceForm(page, 'template-publish-form', {
    name,
    repoHost: fakeHost,
  });
  await expect(
    page.getByText(`${fakeHost}?owner=acme&repo=${name}`).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\/[^/]+$/, { timeout: 60_000 });

  // The task finishes: its output links are shown.
  const output = page.getByTestId('output-box');
  const repository = output.getByRole('link', { name: 'Repository' });
  await expect(repository).toBeVisible({ timeout: 180_000 });
  await expect(repository).toHaveAttribute(
    'href',
    `http://${fakeHost}/acme/${name}`,
  );
  const entity = output.getByRole('link', { name: 'Open in catalog' });
  await expect(entity).toHaveAttribute(
    'href',
    `/catalog/default/component/${name}`,
  );
  await expect(
    output.getByRole('link', { name: 'Compliance tab' }),
  ).toHaveAttribute('href', `/catalog/default/component/${name}/compliance`);
  await expect(
    output.getByRole('link', { name: 'Compliance report' }),
  ).toHaveAttribute(
    'href',
    `http://${fakeHost}/acme/${name}/blob/main/compliance-report.json`,
  );
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(500);
    await saveScreenshot(page, `template-publish-output-${width}`);
  }

  // What landed in the repository: the entity's descriptor, on main.
  const bare = path.join(fakeRoot, 'acme', `${name}.git`);
  const catalogInfo = execFileSync(
    'git',
    ['--git-dir', bare, 'show', 'main:catalog-info.yaml'],
    { encoding: 'utf8' },
  );
  expect(catalogInfo).toContain(`name: ${name}`);
  expect(catalogInfo).toMatch(
    /refarch\.dev\/template: template:default\/aws-service@[a-f0-9]{16}/,
  );

  // The entity link opens the registered component's page.
  await entity.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}$`),
  );
  await expect(async () => {
    if (!(await page.getByText('Takes and tracks the orders').isVisible()))
      await page.reload();
    await expect(
      page.getByText('Takes and tracks the orders').first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
  await saveScreenshot(page, 'template-publish-entity');
});

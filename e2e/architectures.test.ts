import { test, expect } from './consoleGate';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { signIn, saveScreenshot } from './helpers';

// One production system per documented architecture, and a data store in it.
const SYSTEMS = [
  ['dta-wide', 'dta-wide-production', 'dta-wide-cloud-sql'],
  ['techcorp', 'techcorp-production', 'techcorp-rds-postgres'],
  ['set-platform', 'set-platform-prod-eu', 'set-platform-rds-postgres'],
  ['t-developer', 't-developer-platform', 't-developer-quarantine-bucket'],
  ['medtech', 'medtech-production', 'medtech-rds-postgres'],
];

/** The title the portal shows for an entity of a catalog folder. */
function titleOf(folder: string, name: string): string {
  for (const file of fs.readdirSync(path.join('catalog', folder))) {
    for (const doc of YAML.parseAllDocuments(
      fs.readFileSync(path.join('catalog', folder, file), 'utf8'),
    )) {
      const e = doc.toJS();
      if (e?.metadata?.name === name) return e.metadata.title ?? name;
    }
  }
  throw new Error(`${name} not found in catalog/${folder}`);
}

for (const [folder, system, dataStore] of SYSTEMS) {
  test(`the ${folder} architecture is in the catalog with its parts connected`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page);
    await page.goto(`/catalog/default/system/${system}`);
    await expect(
      page.getByRole('heading', { name: titleOf(folder, system) }).first(),
    ).toBeVisible();
    // The system page lists its parts, among them the data store.
    await expect(
      page.locator(`a[href$="/resource/${dataStore}"]`).first(),
    ).toBeVisible();
    await saveScreenshot(page, `system-${folder}`);
    // The data store's page shows its compliance and DR status.
    // Right after start the first evaluation pass may still be running: reload until it is stored.
    await expect(async () => {
      await page.goto(`/catalog/default/resource/${dataStore}`);
      await expect(
        page.getByRole('heading', { name: 'Failing controls by severity' }),
      ).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 90_000 });
    await expect(
      page.getByText('Disaster recovery', { exact: true }),
    ).toBeVisible();
    await expect(page.getByText(/^(Score \d+%|No score)$/)).toBeVisible();
    await expect(
      page.getByRole('table', {
        name: 'Recovery objectives per disruption type',
      }),
    ).toBeVisible();
    await saveScreenshot(page, `entity-${dataStore}`);
    // The graph connects the system with its services, data stores and owners.
    await page.goto(
      `/catalog-graph?rootEntityRefs%5B%5D=system%3Adefault%2F${system}&maxDepth=2&unidirectional=false`,
    );
    await expect(
      page.locator('svg').getByText(titleOf(folder, dataStore)).first(),
    ).toBeVisible();
    await saveScreenshot(page, `graph-${folder}`);
  });
}

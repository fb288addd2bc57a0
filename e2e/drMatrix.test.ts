import { test, expect } from './consoleGate';
import { brokenWords, signIn, saveScreenshot } from './helpers';

/** A System of the catalog (catalog/medtech/systems.yaml) with parts to recover. */
const SYSTEM = 'system:default/medtech-production';
const LABELS: Record<string, string> = {
  met: 'Met',
  breached: 'Breached',
  'declared-weaker': 'Declared weaker',
  unknown: 'Unknown',
};

const hasSystem = (matrix: any) =>
  matrix.items.some(
    (r: any) => r.entityRef === SYSTEM && r.disruptions.length > 0,
  );

const MATRIX = 'Recovery status per System and disruption type';

for (const width of [1280, 1440]) {
  test(`the DR matrix shows each System's stored status per disruption type, no word broken (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page);
    // The fleet page links to the matrix with a tab.
    await page.goto('/compliance');
    const answer = (action: () => Promise<unknown>) =>
      Promise.all([
        page.waitForResponse(
          r =>
            r.url().includes('/api/compliance/v1/dr/matrix') &&
            r.request().method() === 'GET',
          { timeout: 60_000 },
        ),
        action(),
      ]).then(async ([r]) => {
        expect(r.status()).toBe(200);
        return r.json();
      });
    let matrix = await answer(() =>
      page.getByRole('tab', { name: 'DR matrix' }).click(),
    );
    await expect(page).toHaveURL(/\/compliance\/dr/);
    // A fresh portal assesses the catalog in its first passes: wait until the System is in.
    for (let i = 0; i < 20 && !hasSystem(matrix); i++) {
      await page.waitForTimeout(5_000);
      matrix = await answer(() => page.reload());
    }

    const table = page.getByRole('table', {
      name: MATRIX,
    });
    await expect(table).toBeVisible();
    // Every row of the answer, in its order (worst first).
    await expect(table.locator('tbody tr')).toHaveCount(matrix.items.length);
    const shown = await table
      .locator('tbody tr')
      .evaluateAll(rows => rows.map(r => r.getAttribute('data-entity-ref')));
    expect(shown).toEqual(matrix.items.map((r: any) => r.entityRef));

    // The known System, its link, and each cell's status as the API stored it.
    const expected = matrix.items.find((r: any) => r.entityRef === SYSTEM);
    expect(expected).toBeDefined();
    expect(expected.disruptions.length).toBeGreaterThan(0);
    const row = table.locator(`tr[data-entity-ref="${SYSTEM}"]`);
    await expect(
      row.getByRole('link', { name: 'medtech-production' }),
    ).toHaveAttribute('href', '/catalog/default/system/medtech-production');
    for (const d of expected.disruptions) {
      const cell = row.locator(`td[data-disruption="${d.disruption}"]`);
      await expect(cell).toHaveAttribute('data-status', d.status);
      await expect(cell.locator('.MuiChip-label')).toHaveText(LABELS[d.status]);
      // The reason is in the cell's tooltip.
      expect(await cell.getAttribute('title')).toContain(d.reason);
    }

    expect(await brokenWords(page, MATRIX)).toEqual([]);
    await saveScreenshot(page, `dr-matrix-${width}`);

    // Filtering by the System's owner keeps it and drops Systems of other owners.
    await page
      .getByRole('combobox', { name: 'Owner' })
      .selectOption(expected.owner);
    await expect(page).toHaveURL(/owner=/);
    await expect(row).toBeVisible();
    // The filtered answer replaces the rows: wait for it rather than read the old ones.
    await expect
      .poll(
        async () =>
          new Set(
            await table
              .locator('tbody tr [data-owner]')
              .evaluateAll(els => els.map(e => e.getAttribute('data-owner'))),
          ),
      )
      .toEqual(new Set([expected.owner]));
    expect(await brokenWords(page, MATRIX)).toEqual([]);
  });
}

import { allowConsole, test, expect } from './consoleGate';
import { signIn, saveScreenshot } from './helpers';

/*
 * Issue 15: "the DR chart present with the right bars for one known system". The entity page's
 * chart is compared, disruption by disruption and objective by objective, with the assessment
 * the page itself received: each disruption's status, the declared bar's value and the
 * achievable bar's value (or its absence when the achievable value is not known).
 */
const ENTITY = '/catalog/default/resource/medtech-rds-postgres';

type Objective = 'rpo' | 'rto';
type Disruption = {
  disruption: string;
  status: string;
  declared: Partial<Record<Objective, number>>;
  achievable?: Partial<Record<Objective, number | null>>;
};

for (const width of [1280, 1440]) {
  test(`the DR chart draws the stored estimate of a known component (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    // On a fresh portal the catalog may not have ingested the entity yet: its page asks the
    // catalog and gets 404 until then (the loop below waits).
    allowConsole(page, {
      pattern:
        /^Failed to load resource: the server responded with a status of 404 \(Not Found\) \(http:\/\/[^)\s]+\/api\/catalog\/entities\/by-name\/resource\/default\/medtech-rds-postgres(:\d+)?\)$/,
      why: 'the catalog has not ingested the entity yet on a fresh portal',
    });
    await signIn(page);
    // The assessment the page receives: none while the catalog has not ingested the entity
    // (the page asks nothing), 404 until the first passes reached it.
    const load = async (go: () => Promise<unknown>) => {
      const waiting = page
        .waitForResponse(
          r =>
            r
              .url()
              .endsWith(
                '/entities/resource/default/medtech-rds-postgres/assessment',
              ) && r.request().method() === 'GET',
          { timeout: 30_000 },
        )
        .catch(() => undefined);
      await go();
      const response = await waiting;
      return response?.status() === 200 ? response.json() : undefined;
    };
    let assessment = await load(() => page.goto(ENTITY));
    // A fresh portal assesses the catalog in its first passes.
    for (let i = 0; i < 24 && !assessment?.dr?.disruptions?.length; i++) {
      await page.waitForTimeout(5_000);
      assessment = await load(() => page.reload());
    }
    const disruptions: Disruption[] = assessment.dr.disruptions;
    expect(disruptions.length).toBeGreaterThan(0);

    const chart = page.getByRole('img', { name: 'Recovery objectives chart' });
    await expect(chart).toBeVisible();
    await chart.scrollIntoViewIfNeeded();
    for (const d of disruptions) {
      const group = chart.locator(`g[data-disruption="${d.disruption}"]`);
      await expect(group).toHaveAttribute('data-status', d.status);
      for (const o of ['rpo', 'rto'] as const) {
        const row = group.locator(`g[data-objective="${o}"]`);
        const declared = row.locator('rect[data-series="declared"]');
        if (d.declared[o] === undefined) await expect(declared).toHaveCount(0);
        else
          await expect(declared).toHaveAttribute(
            'data-value',
            String(d.declared[o]),
          );
        const achievable = row.locator('rect[data-series="achievable"]');
        const value = d.achievable?.[o];
        if (value === undefined) await expect(achievable).toHaveCount(0);
        else
          await expect(achievable).toHaveAttribute(
            'data-value',
            value === null ? 'null' : String(value),
          );
      }
    }
    await saveScreenshot(page, `dr-chart-medtech-rds-postgres-${width}`);
  });
}

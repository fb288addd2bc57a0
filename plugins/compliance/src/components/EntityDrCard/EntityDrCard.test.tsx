import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { screen, within } from '@testing-library/react';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  assessment,
  entity,
  entityHandlers,
  notFound,
  renderCompliance,
  serverError,
} from '../../__testUtils__/renderCompliance';
import { EntityDrCard } from './EntityDrCard';

const ASSESSMENT = `${BASE}/v1/entities/:kind/:namespace/:name/assessment`;

/** The cells of the RPO and RTO rows of one disruption. */
function objectiveRows(table: HTMLElement, disruption: string) {
  const first = table.querySelector(
    `tr[data-disruption="${disruption}"]`,
  ) as HTMLTableRowElement;
  const second = first.nextElementSibling as HTMLTableRowElement;
  const texts = (row: HTMLTableRowElement) =>
    Array.from(row.cells).map(c => c.textContent);
  return { rpo: texts(first), rto: texts(second) };
}

describe('EntityDrCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows a progress bar while loading', async () => {
    server.use(
      http.get(ASSESSMENT, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    renderCompliance(<EntityDrCard />, { entity });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows target, declared and achievable RPO/RTO per disruption type', async () => {
    server.use(...entityHandlers());
    renderCompliance(<EntityDrCard />, { entity });

    const table = await screen.findByRole('table', {
      name: 'Recovery objectives per disruption type',
    });
    expect(screen.getByText('Tier: critical')).toBeInTheDocument();
    expect(objectiveRows(table, 'software')).toEqual({
      rpo: [
        'Software / data corruption',
        'RPO',
        '15m',
        '15m',
        '5m',
        expect.stringContaining('Met'),
      ],
      rto: ['RTO', '4h', '1h', '1h'],
    });
    // The region estimate has no achievable value: the engine could not tell.
    expect(objectiveRows(table, 'region').rpo).toEqual([
      'Region',
      'RPO',
      '1h',
      '15m',
      'unknownneeds cross-region-backup or cross-region-replica on orders-db',
      'Unknown',
    ]);
    // The chart draws the same values: the achievable RPO of the software row is 5m.
    const chart = screen.getByRole('img', {
      name: 'Recovery objectives chart',
    });
    const software = chart.querySelector(
      'g[data-disruption="software"] g[data-objective="rpo"]',
    )!;
    expect(
      software.querySelector('[data-series="achievable"]'),
    ).toHaveAttribute('data-value', '300');
    expect(software.querySelector('[data-series="target"]')).toHaveAttribute(
      'data-value',
      '900',
    );
    expect(
      screen.getByText(/Weakest component:/).parentElement,
    ).toHaveTextContent(
      'resource:default/orders-db (point-in-time restore (logs every 5m))',
    );
    expect(
      screen.getByRole('list', { name: 'DR status reasons' }),
    ).toHaveTextContent('Restore test is overdue');
    // Per component, once, linked, naming the missing facts.
    const perComponent = screen.getByRole('list', {
      name: 'Reasons per component',
    });
    expect(
      within(perComponent).getByRole('link', { name: /orders-db/ }),
    ).toHaveAttribute('href', expect.stringContaining('resource/orders-db'));
    expect(perComponent).toHaveTextContent(
      'Missing facts: declared.cross-region-backup or declared.cross-region-replica (Region)',
    );
  });

  it('says "not recoverable" when nothing can bring the data back', async () => {
    const region = {
      disruption: 'region',
      target: { rpo: 3600, rto: 86400 },
      declared: {},
      achievable: { rpo: null, rto: null },
      status: 'breached',
      reason: 'no backup leaves the region',
    };
    const broken = {
      ...assessment,
      dr: { ...assessment.dr, status: 'breached', disruptions: [region] },
    } as Assessment;
    server.use(...entityHandlers({ assessment: broken }));
    renderCompliance(<EntityDrCard />, { entity });

    const table = await screen.findByRole('table', {
      name: 'Recovery objectives per disruption type',
    });
    expect(objectiveRows(table, 'region')).toEqual({
      rpo: [
        'Region',
        'RPO',
        '1h',
        'not declared',
        'not recoverable',
        expect.stringContaining('Breached'),
      ],
      rto: ['RTO', '1d', 'not declared', 'not recoverable'],
    });
  });

  it('shows a declared objective weaker than the tier as its own state, with the tier target', async () => {
    const software = {
      disruption: 'software',
      target: { rpo: 3600, rto: 14400 },
      targetSource: 'document 001 §RTO/RPO Targets',
      tierTarget: { rpo: 900, rto: 14400 },
      declared: { rpo: 3600, rto: 14400 },
      achievable: { rpo: 300, rto: 3600 },
      status: 'declared-weaker',
      reason: "declared RPO 1h is weaker than the critical tier's 15m",
    };
    const weaker = {
      ...assessment,
      dr: {
        ...assessment.dr,
        status: 'breached',
        reasons: [`software: ${software.reason}`],
        disruptions: [software],
      },
    } as Assessment;
    server.use(...entityHandlers({ assessment: weaker }));
    renderCompliance(<EntityDrCard />, { entity });

    const table = await screen.findByRole('table', {
      name: 'Recovery objectives per disruption type',
    });
    expect(objectiveRows(table, 'software')).toEqual({
      rpo: [
        'Software / data corruption',
        'RPO',
        '1h (tier 15m)document 001 §RTO/RPO Targets',
        '1h',
        '5m',
        expect.stringContaining('Declared weaker than tier'),
      ],
      rto: ['RTO', '4h', '4h', '1h'],
    });
    // The chart marks the tier target beside the document's.
    const rpo = screen
      .getByRole('img', { name: 'Recovery objectives chart' })
      .querySelector('g[data-disruption="software"] g[data-objective="rpo"]')!;
    expect(rpo.querySelector('[data-series="tier-target"]')).toHaveAttribute(
      'data-value',
      '900',
    );
    expect(
      screen.getByRole('list', { name: 'DR status reasons' }),
    ).toHaveTextContent(
      "declared RPO 1h is weaker than the critical tier's 15m",
    );
  });

  it('shows how fresh each kind of evidence is', async () => {
    server.use(...entityHandlers());
    renderCompliance(<EntityDrCard />, { entity });

    const table = await screen.findByRole('table', {
      name: 'Evidence freshness',
    });
    const restore = within(table)
      .getByRole('cell', { name: 'Restore test' })
      .closest('tr')!;
    expect(restore).toHaveTextContent(/Oct 1, 2025.*215d ago.*31d.*Overdue/);
    const drill = within(table)
      .getByRole('cell', { name: 'DR drill, tested and documented' })
      .closest('tr')!;
    expect(drill).toHaveTextContent(/not declared.*no record yet.*1y.*Missing/);
  });

  it('explains what to add when the entity is not assessed', async () => {
    server.use(http.get(ASSESSMENT, () => notFound('not assessed yet')));
    renderCompliance(<EntityDrCard />, { entity });
    expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(ASSESSMENT, () => serverError('Catalog unavailable', 503)),
    );
    renderCompliance(<EntityDrCard />, { entity });
    expect(
      await screen.findByText('Error: Catalog unavailable'),
    ).toBeInTheDocument();
  });
});

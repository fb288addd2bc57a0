import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { DrMatrix } from '../../api';
import {
  BASE,
  renderCompliance,
  serverError,
} from '../../__testUtils__/renderCompliance';
import { ComplianceRoutes } from '../CompliancePage';

jest.setTimeout(20_000);

const matrix: DrMatrix = {
  disruptions: ['software', 'hardware', 'az', 'region'],
  owners: ['group:default/payments', 'group:default/team-a'],
  items: [
    {
      entityRef: 'system:default/shop',
      namespace: 'default',
      name: 'shop',
      owner: 'group:default/team-a',
      tier: 'critical',
      drStatus: 'breached',
      reasons: ['region: achievable RPO not recoverable exceeds 1h'],
      disruptions: [
        {
          disruption: 'software',
          status: 'met',
          target: { rpo: 900, rto: 3600 },
          targetSource: 'document 002 §DR',
          declared: { rpo: 900, rto: 3600 },
          achievable: { rpo: 300, rto: 1800 },
          reason: 'achievable RPO 5m, RTO 30m within RPO 15m, RTO 1h',
        },
        {
          disruption: 'hardware',
          status: 'declared-weaker',
          target: { rpo: 900, rto: 3600 },
          declared: { rpo: 7200 },
          achievable: { rpo: 0, rto: 600 },
          reason: "declared RPO 2h is weaker than the critical tier's 15m",
        },
        {
          disruption: 'az',
          status: 'unknown',
          target: { rpo: 900 },
          declared: {},
          reason: 'unknown: needs resource:default/db (multi-az)',
        },
        {
          disruption: 'region',
          status: 'breached',
          target: { rpo: 3600, rto: 14400 },
          declared: {},
          achievable: { rpo: null, rto: null },
          reason: 'achievable RPO not recoverable exceeds 1h',
        },
      ],
      evaluatedAt: '2026-05-04T09:30:00.000Z',
    },
    {
      entityRef: 'system:default/docs',
      namespace: 'default',
      name: 'docs',
      owner: 'group:default/payments',
      drStatus: 'not-applicable',
      reasons: ['Holds no data and serves no traffic'],
      disruptions: [],
      evaluatedAt: '2026-05-04T09:30:00.000Z',
    },
  ],
};

describe('the DR matrix', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows Systems × disruption types with coloured statuses, target / achievable and the reason', async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${BASE}/v1/dr/matrix`, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json(matrix);
      }),
    );
    await renderCompliance(<ComplianceRoutes />, { initialRoute: '/dr' });

    const table = await screen.findByRole('table', {
      name: 'Recovery status per System and disruption type',
    });
    expect(screen.getByRole('tab', { name: 'DR matrix' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'System and owner',
      'Tier',
      'Software / data corruption',
      'Hardware',
      'Availability zone',
      'Region',
    ]);
    // Rows as the backend sorted them (worst first), each linking to the entity's page.
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-entity-ref'))).toEqual([
      'system:default/shop',
      'system:default/docs',
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'shop' })).toHaveAttribute(
      'href',
      '/catalog/default/system/shop',
    );
    expect(rows[0]).toHaveTextContent('Critical');

    const cell = (row: HTMLElement, d: string) =>
      row.querySelector(`td[data-disruption="${d}"]`) as HTMLElement;
    const software = cell(rows[0], 'software');
    expect(software).toHaveAttribute('data-status', 'met');
    expect(software).toHaveTextContent('Met');
    expect(software).toHaveTextContent('RPO 15m / 5m');
    expect(software).toHaveTextContent('RTO 1h / 30m');
    expect(software.getAttribute('title')).toContain(
      'Target: document 002 §DR',
    );
    expect(software.getAttribute('title')).toContain(
      'achievable RPO 5m, RTO 30m within RPO 15m, RTO 1h',
    );
    expect(cell(rows[0], 'hardware')).toHaveTextContent('Declared weaker');
    // Unknown achievable, an unstated target part and "not recoverable".
    expect(cell(rows[0], 'az')).toHaveTextContent('RPO 15m / ?');
    expect(cell(rows[0], 'az')).toHaveTextContent('RTO – / ?');
    expect(cell(rows[0], 'region')).toHaveTextContent('RPO 1h / none');
    // The chip carries the status for its tone.
    expect(
      cell(rows[0], 'region').querySelector('[data-status="breached"]'),
    ).not.toBeNull();
    // A System with nothing to recover: not applicable, and why.
    expect(cell(rows[1], 'az')).toHaveTextContent('Not applicable');
    expect(cell(rows[1], 'az')).toHaveAttribute(
      'title',
      'Holds no data and serves no traffic',
    );
    expect(queries).toEqual(['']);
  });

  it('filters by owner and tier through the URL and the backend', async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${BASE}/v1/dr/matrix`, ({ request }) => {
        queries.push(decodeURIComponent(new URL(request.url).search));
        return HttpResponse.json(matrix);
      }),
    );
    await renderCompliance(<ComplianceRoutes />, {
      initialRoute: '/dr?tier=critical',
    });
    await screen.findByRole('table', {
      name: 'Recovery status per System and disruption type',
    });
    const tier = screen.getByLabelText('Tier');
    expect(tier).toHaveValue('critical');
    const owner = screen.getByLabelText('Owner');
    expect(
      within(owner)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'payments', 'team-a']);

    await userEvent.selectOptions(owner, 'group:default/team-a');
    await waitFor(() =>
      expect(queries.at(-1)).toBe('?owner=group:default/team-a&tier=critical'),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(queries.at(-1)).toBe(''));
    expect(screen.getByLabelText('Tier')).toHaveValue('');
  });

  it('is a tab of the fleet page', async () => {
    server.use(
      http.get(`${BASE}/v1/dr/matrix`, () =>
        HttpResponse.json({ ...matrix, items: [] }),
      ),
      http.get(`${BASE}/v1/*`, () => serverError('not under test')),
    );
    await renderCompliance(<ComplianceRoutes />, { initialRoute: '/' });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'DR matrix' }),
    );
    expect(
      await screen.findByText('No System has been assessed yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend message when the matrix cannot be read', async () => {
    server.use(
      http.get(`${BASE}/v1/dr/matrix`, () =>
        serverError('You may not read the catalog', 403, 'NotAllowedError'),
      ),
    );
    await renderCompliance(<ComplianceRoutes />, { initialRoute: '/dr' });
    expect(
      await screen.findByText('You may not read the catalog'),
    ).toBeInTheDocument();
  });
});

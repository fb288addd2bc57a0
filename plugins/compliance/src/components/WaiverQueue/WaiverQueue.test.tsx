import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { Waiver, WaiverQueueItem } from '../../api';
import { BASE, renderCompliance } from '../../__testUtils__/renderCompliance';
import { ComplianceRoutes } from '../CompliancePage';

jest.setTimeout(20_000);

const waiver = (id: string, patch: Partial<Waiver>): Waiver => ({
  id,
  entityRef: 'component:default/orders-api',
  controlId: 'DR-01',
  justification: 'The DR drill is booked for next month with the platform team',
  expiresAt: '2026-09-30T00:00:00.000Z',
  status: 'pending',
  requestedBy: 'user:default/engineer',
  requestedAt: '2026-05-04T09:30:00.000Z',
  expired: false,
  ...patch,
});

const queue: WaiverQueueItem[] = [
  {
    waiver: waiver('w-new', {
      entityRef: 'resource:default/orders-db',
      controlId: 'ENC-01',
      requestedBy: 'user:default/guest',
      requestedAt: '2026-05-05T10:00:00.000Z',
    }),
    entity: {
      status: 'fail',
      drStatus: 'at-risk',
      score: 67,
      evaluatedAt: '2026-05-05T09:00:00.000Z',
    },
    controlTitle: 'Storage encrypted at rest',
    decision: {
      allowed: false,
      reason:
        'You requested this waiver: another tech lead decides it (four eyes)',
    },
  },
  {
    waiver: waiver('w-old', {}),
    entity: {
      status: 'warn',
      drStatus: 'met',
      score: 90,
      evaluatedAt: '2026-05-05T09:00:00.000Z',
    },
    controlTitle: 'DR drill within the tier interval',
    decision: { allowed: true },
  },
];

describe('the waiver queue', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists pending waivers as the backend orders them, with the entity status, and decides in place', async () => {
    let items = queue;
    const decided: Array<{ path: string; body: unknown }> = [];
    server.use(
      http.get(`${BASE}/v1/waivers/queue`, () => HttpResponse.json({ items })),
      http.post(
        `${BASE}/v1/waivers/:id/:decision`,
        async ({ request, params }) => {
          decided.push({
            path: `${params.id}/${params.decision}`,
            body: await request.json(),
          });
          items = items.filter(i => i.waiver.id !== params.id);
          return HttpResponse.json({
            ...queue[1].waiver,
            status: 'approved',
            decidedBy: 'user:default/guest',
          });
        },
      ),
    );
    await renderCompliance(<ComplianceRoutes />, {
      initialRoute: '/waivers',
    });

    const table = await screen.findByRole('table', { name: 'Pending waivers' });
    expect(screen.getByRole('tab', { name: 'Waivers' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-waiver-id'))).toEqual([
      'w-new',
      'w-old',
    ]);
    // Entity link, its status now, the control with its title, the justification whole in the tooltip.
    expect(
      within(rows[0]).getByRole('link', { name: /orders-db/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/orders-db');
    expect(
      within(rows[0]).getByText('Fail').closest('[data-status]'),
    ).toHaveAttribute('data-status', 'fail');
    expect(within(rows[0]).getByText('67 %')).toBeInTheDocument();
    expect(
      within(rows[1]).getByTitle(queue[1].waiver.justification),
    ).toBeInTheDocument();

    // The requester's own request: both buttons disabled, and the reason is on the page.
    expect(
      within(rows[0]).getByRole('button', {
        name: /^Approve waiver for ENC-01/,
      }),
    ).toBeDisabled();
    expect(
      within(rows[0]).getByRole('button', {
        name: /^Reject waiver for ENC-01/,
      }),
    ).toBeDisabled();
    expect(within(rows[0]).getByText(/four eyes/)).toBeInTheDocument();

    await userEvent.click(
      within(rows[1]).getByRole('button', {
        name: /^Approve waiver for DR-01/,
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(decided).toEqual([{ path: 'w-old/approve', body: {} }]),
    );
    // The queue reloads without the decided waiver.
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Pending waivers' }))
          .getAllByRole('row')
          .slice(1)
          .map(r => r.getAttribute('data-waiver-id')),
      ).toEqual(['w-new']),
    );
  });

  it('says so when nothing is pending', async () => {
    server.use(
      http.get(`${BASE}/v1/waivers/queue`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await renderCompliance(<ComplianceRoutes />, { initialRoute: '/waivers' });
    expect(
      await screen.findByText('No waiver awaits a decision'),
    ).toBeInTheDocument();
  });
});

import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { AssessmentSummary, GroupAggregate } from '../../api';
import {
  BASE,
  policy,
  renderCompliance,
  serverError,
} from '../../__testUtils__/renderCompliance';
import { ComplianceFleetPage } from './ComplianceFleetPage';

jest.setTimeout(20_000);

const summary = (i: number): AssessmentSummary => ({
  entityRef: `resource:default/db-${i}`,
  kind: 'resource',
  namespace: 'default',
  name: `db-${i}`,
  type: 'database',
  owner: i % 2 ? 'group:default/team-a' : 'group:default/payments',
  system: 'system:default/shop',
  status: i % 3 ? 'pass' : 'fail',
  score: 100 - i,
  drStatus: i === 1 ? 'breached' : 'met',
  // Entities with a deployed stack carry its drift; the others have none.
  ...(i % 3 === 0 ? { drift: 'drifted' as const } : {}),
  ...(i === 1 ? { drift: 'in-sync' as const } : {}),
  failing:
    i % 3
      ? { critical: 0, high: 0, medium: 0, low: 0 }
      : { critical: 1, high: 2, medium: 0, low: 0 },
  evaluatedAt: '2026-05-04T09:30:00.000Z',
});

const owners: GroupAggregate[] = [
  {
    key: 'group:default/team-a',
    total: 70,
    pass: 40,
    fail: 20,
    warn: 5,
    unknown: 5,
    other: 0,
    drBreached: 3,
    drAtRisk: 7,
    averageScore: 71,
  },
  {
    key: 'group:default/payments',
    total: 50,
    pass: 45,
    fail: 2,
    warn: 0,
    unknown: 3,
    other: 0,
    drBreached: 1,
    drAtRisk: 0,
    averageScore: 93,
  },
];
const systems: GroupAggregate[] = [
  {
    key: 'system:default/shop',
    total: 120,
    pass: 85,
    fail: 22,
    warn: 5,
    unknown: 8,
    other: 0,
    drBreached: 4,
    drAtRisk: 7,
    averageScore: 80,
  },
];

describe('ComplianceFleetPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let requests: URL[];

  const lastListRequest = () =>
    [...requests].reverse().find(u => u.pathname.endsWith('/v1/assessments'))!;

  beforeEach(() => {
    requests = [];
    server.use(
      http.get(`${BASE}/v1/assessments`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        // As the API: an offset page carries the total, a cursor page does not; a full page
        // carries the cursor of the next.
        const cursor = url.searchParams.get('cursor');
        const offset = cursor
          ? Number(cursor.slice(1))
          : Number(url.searchParams.get('offset'));
        const items = Array.from({ length: offset ? 20 : 50 }, (_, i) =>
          summary(offset + i + 1),
        );
        return HttpResponse.json({
          items,
          ...(cursor ? {} : { totalCount: 70 }),
          ...(items.length === 50 ? { nextCursor: `c${offset + 50}` } : {}),
        });
      }),
      http.get(`${BASE}/v1/aggregates`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        const groupBy = url.searchParams.get('groupBy');
        if (groupBy === 'owner') return HttpResponse.json({ groups: owners });
        if (groupBy === 'system') return HttpResponse.json({ groups: systems });
        if (groupBy === 'kind')
          return HttpResponse.json({
            groups: [{ ...systems[0], key: 'resource' }],
          });
        return HttpResponse.json({
          groups: [{ ...systems[0], key: 'domain:default/commerce' }],
        });
      }),
      http.get(`${BASE}/v1/policy`, () => HttpResponse.json(policy)),
    );
  });

  it('shows a progress bar while loading', async () => {
    server.use(
      http.get(`${BASE}/v1/assessments`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    renderCompliance(<ComplianceFleetPage />);
    expect(await screen.findAllByRole('progressbar')).not.toHaveLength(0);
  });

  it('lists one server-side page of entities linking to their entity pages', async () => {
    renderCompliance(<ComplianceFleetPage />);

    const table = await screen.findByRole('table', {
      name: 'Assessed entities',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(within(table).getByRole('link', { name: 'db-1' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/db-1',
    );
    expect(
      within(table).getAllByRole('link', { name: 'team-a' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/team-a');
    expect(
      within(table).getByRole('link', { name: 'db-3' }).closest('tr'),
    ).toHaveTextContent(/Fail97%MetDrifted1 critical, 2 high/);
    expect(
      within(table).getByRole('link', { name: 'db-1' }).closest('tr'),
    ).toHaveTextContent(/BreachedIn sync—/);
    expect(
      within(table).getByRole('link', { name: 'db-2' }).closest('tr'),
    ).toHaveTextContent(/Met—/);
    expect(screen.getByText('1-50 of 70')).toBeInTheDocument();
    expect(lastListRequest().search).toBe('?limit=50&offset=0&orderBy=score');

    // Next: from the first page's cursor (keyset), the total kept from the first page.
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(lastListRequest().search).toBe(
        '?limit=50&orderBy=score&cursor=c50',
      ),
    );
    expect(await screen.findByText('51-70 of 70')).toBeInTheDocument();
    // Back to the first page: by offset again.
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() =>
      expect(lastListRequest().search).toBe('?limit=50&offset=0&orderBy=score'),
    );
    expect(await screen.findByText('1-50 of 70')).toBeInTheDocument();
  });

  it('shows totals, DR breached / at risk and the status per owner', async () => {
    renderCompliance(<ComplianceFleetPage />);

    const bars = await screen.findByRole('list', { name: 'Status by owner' });
    expect(
      within(bars).getByRole('img', {
        name: 'team-a: 40 pass, 5 warning, 20 fail, 5 unknown',
      }),
    ).toBeInTheDocument();
    expect(
      within(bars).getByRole('img', {
        name: 'payments: 45 pass, 2 fail, 3 unknown',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('DR breached').previousElementSibling,
    ).toHaveTextContent('4');
    expect(
      screen.getByText('DR at risk').previousElementSibling,
    ).toHaveTextContent('7');

    await userEvent.click(
      screen.getByRole('button', { name: 'Show entities with DR breached' }),
    );
    await waitFor(() =>
      expect(lastListRequest().searchParams.getAll('drStatus')).toEqual([
        'breached',
      ]),
    );
  });

  it('sends the filters in the request query and encodes entity refs', async () => {
    renderCompliance(<ComplianceFleetPage />);
    await screen.findByRole('table', { name: 'Assessed entities' });

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Status' }),
      'fail',
    );
    await waitFor(() =>
      expect(lastListRequest().search).toBe(
        '?status=fail&limit=50&offset=0&orderBy=score',
      ),
    );

    await waitFor(() =>
      expect(
        within(screen.getByRole('combobox', { name: 'Owner' })).getByRole(
          'option',
          { name: 'team-a' },
        ),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Owner' }),
      'group:default/team-a',
    );
    await waitFor(() =>
      expect(lastListRequest().search).toBe(
        '?owner=group%3Adefault%2Fteam-a&status=fail&limit=50&offset=0&orderBy=score',
      ),
    );

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'DR status' }),
      'at-risk',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Drift' }),
      'drifted',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Framework' }),
      'gdpr',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Failing control' }),
      'ENC-01',
    );
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search by name' }),
      'orders',
    );
    await waitFor(() =>
      expect(lastListRequest().search).toBe(
        '?owner=group%3Adefault%2Fteam-a&status=fail&drStatus=at-risk&drift=drifted&framework=gdpr&control=ENC-01&search=orders&limit=50&offset=0&orderBy=score',
      ),
    );
    // The aggregates follow the same filters.
    const aggregate = [...requests]
      .reverse()
      .find(u => u.pathname.endsWith('/v1/aggregates'))!;
    expect(aggregate.searchParams.get('groupBy')).toBe('owner');
    expect(aggregate.searchParams.get('control')).toBe('ENC-01');

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() =>
      expect(lastListRequest().search).toBe('?limit=50&offset=0&orderBy=score'),
    );
  });

  it('starts from the filters in the URL', async () => {
    renderCompliance(<ComplianceFleetPage />, {
      initialRoute:
        '/?owner=group%3Adefault%2Fpayments&kind=resource&orderBy=name&page=2',
    });
    await screen.findByRole('table', { name: 'Assessed entities' });
    expect(lastListRequest().search).toBe(
      '?owner=group%3Adefault%2Fpayments&kind=resource&limit=50&offset=50&orderBy=name',
    );
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue(
      'name',
    );
  });

  it('groups by system with the aggregates', async () => {
    renderCompliance(<ComplianceFleetPage />);
    await screen.findByRole('table', { name: 'Assessed entities' });

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Group by' }),
      'system',
    );
    const table = await screen.findByRole('table', {
      name: 'Assessments by system',
    });
    expect(
      within(table)
        .getByRole('button', { name: 'Show entities of shop' })
        .closest('tr'),
    ).toHaveTextContent(/shop120.*852258.*80%/);

    await userEvent.click(
      within(table).getByRole('button', { name: 'Show entities of shop' }),
    );
    await waitFor(() =>
      expect(lastListRequest().searchParams.getAll('system')).toEqual([
        'system:default/shop',
      ]),
    );
    expect(
      await screen.findByRole('table', { name: 'Assessed entities' }),
    ).toBeInTheDocument();
  });

  it('lists the policy controls and opens the entities failing one', async () => {
    renderCompliance(<ComplianceFleetPage />);
    await userEvent.click(await screen.findByRole('tab', { name: 'Controls' }));

    const table = await screen.findByRole('table', { name: 'Policy controls' });
    const enc = within(table).getByText('ENC-01').closest('tr')!;
    expect(enc).toHaveTextContent(
      'Databases are encrypted at rest with a customer-managed key',
    );
    expect(enc).toHaveTextContent('SOC 2: CC6.1');
    expect(enc).toHaveTextContent('000, 001, 002, 004');
    expect(enc).toHaveTextContent(/Critical.*41237358/);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Severity' }),
      'medium',
    );
    expect(within(table).queryByText('ENC-01')).not.toBeInTheDocument();
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Severity' }),
      '',
    );

    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Show entities failing ENC-01',
      }),
    );
    await waitFor(() =>
      expect(lastListRequest().searchParams.get('control')).toBe('ENC-01'),
    );
    expect(screen.getByRole('tab', { name: 'Entities' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('says when nothing matches', async () => {
    server.use(
      http.get(`${BASE}/v1/assessments`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
    );
    renderCompliance(<ComplianceFleetPage />);
    expect(
      await screen.findByText('No assessed entity matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${BASE}/v1/assessments`, () =>
        serverError('limit must be <= 500', 400, 'InputError'),
      ),
    );
    renderCompliance(<ComplianceFleetPage />);
    expect(
      await screen.findByText('Error: limit must be <= 500'),
    ).toBeInTheDocument();
    await act(async () => {});
  });
});

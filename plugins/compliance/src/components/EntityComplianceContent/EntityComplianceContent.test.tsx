import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
import { toDateInput } from '../../lib/format';
import { EntityComplianceContent } from './EntityComplianceContent';

const ENTITY = `${BASE}/v1/entities/:kind/:namespace/:name`;

const visibleControls = () =>
  Array.from(
    screen
      .getByRole('table', { name: 'Control results' })
      .querySelectorAll('tr[data-control]'),
  ).map(r => r.getAttribute('data-control'));

// Forms are typed into character by character.
jest.setTimeout(20_000);

describe('EntityComplianceContent', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows a progress bar while loading', async () => {
    server.use(...entityHandlers());
    server.use(
      http.get(`${ENTITY}/assessment`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    renderCompliance(<EntityComplianceContent />, { entity });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(...entityHandlers());
    server.use(
      http.get(`${ENTITY}/assessment`, () =>
        serverError('Catalog unavailable', 503),
      ),
    );
    renderCompliance(<EntityComplianceContent />, { entity });
    expect(
      await screen.findByText('Error: Catalog unavailable'),
    ).toBeInTheDocument();
  });

  it('explains what to add when the entity is not assessed', async () => {
    server.use(...entityHandlers());
    server.use(
      http.get(`${ENTITY}/assessment`, () => notFound('not assessed yet')),
    );
    renderCompliance(<EntityComplianceContent />, { entity });
    expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
  });

  it('lists applicable control results worst first and filters them', async () => {
    server.use(...entityHandlers());
    renderCompliance(<EntityComplianceContent />, { entity });

    await screen.findByRole('table', { name: 'Control results' });
    expect(visibleControls()).toEqual([
      'ENC-01',
      'DR-02',
      'NET-01',
      'SEC-02',
      'LOG-06',
      'DR-01',
      'NET-02',
      'NET-08',
      'DR-03',
    ]);
    expect(screen.getByText('9 of 10 controls')).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Status' }),
      'fail',
    );
    expect(visibleControls()).toEqual(['ENC-01', 'DR-02']);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Severity' }),
      'critical',
    );
    expect(visibleControls()).toEqual(['ENC-01']);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Status' }),
      'all',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Severity' }),
      '',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Framework' }),
      'pci-dss',
    );
    expect(visibleControls()).toContain('ENC-01');
    expect(visibleControls()).not.toContain('NET-08');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Framework' }),
      '',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Provenance' }),
      'declared',
    );
    expect(visibleControls()).toEqual([
      'ENC-01',
      'DR-02',
      'DR-01',
      'NET-02',
      'DR-03',
    ]);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Provenance' }),
      'live',
    );
    expect(
      screen.getByText('No control matches these filters.'),
    ).toBeInTheDocument();
  });

  it('expands a result to its message, property paths, facts and waiver', async () => {
    server.use(...entityHandlers());
    renderCompliance(<EntityComplianceContent />, { entity });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Show details of DR-01' }),
    );
    expect(
      screen.getByRole('button', { name: 'Hide details of DR-01' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByRole('table', { name: 'Resources of DR-01' }),
    ).toHaveTextContent('refarch.dev/declared.multi-az');
    const facts = screen.getByRole('table', { name: 'Facts of DR-01' });
    expect(within(facts).getByText('multi-az').closest('tr')).toHaveTextContent(
      /multi-azfalseDeclaredrefarch.dev\/declared.multi-az/,
    );
    expect(
      screen.getByText(
        /Waived until .*approved by user:default\/tech-lead: Single-AZ until the Aurora migration/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show details of DR-02' }),
    );
    // Durations read as durations, not seconds.
    expect(
      within(screen.getByRole('table', { name: 'Facts of DR-02' }))
        .getByText('backup-retention')
        .closest('tr'),
    ).toHaveTextContent('7d');
  });

  it('shows the status history', async () => {
    server.use(...entityHandlers());
    renderCompliance(<EntityComplianceContent />, { entity });
    const history = await screen.findByRole('table', {
      name: 'Status history',
    });
    expect(within(history).getAllByRole('row')).toHaveLength(3);
    expect(history).toHaveTextContent('first assessment');
    expect(history).toHaveTextContent('67%');
    const trend = screen.getByRole('img', {
      name: /^Score from 100% on .* to 67% on /,
    });
    expect(trend.querySelectorAll('circle')).toHaveLength(2);
  });

  it('hides every form without permission', async () => {
    server.use(...entityHandlers());
    server.use(
      http.get(`${BASE}/v1/waivers`, () =>
        HttpResponse.json({
          items: [
            {
              id: 'w1',
              entityRef: 'resource:default/orders-db',
              controlId: 'ENC-01',
              justification: 'Key migration scheduled',
              expiresAt: '2026-12-31T00:00:00.000Z',
              status: 'pending',
              requestedBy: 'user:default/dev',
              requestedAt: '2026-05-01T00:00:00.000Z',
              expired: false,
            },
          ],
        }),
      ),
    );
    // usePermission caches decisions per entity ref across renders: use an entity of its own.
    const readOnly = {
      ...entity,
      metadata: { ...entity.metadata, name: 'orders-db-read-only' },
    };
    renderCompliance(<EntityComplianceContent />, {
      entity: readOnly,
      authorize: AuthorizeResult.DENY,
    });

    await screen.findByRole('table', { name: 'Waivers' });
    expect(
      screen.queryByRole('button', { name: 'Record evidence' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Request waiver/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Approve waiver/ }),
    ).not.toBeInTheDocument();
  });

  it('records evidence with the right body and reloads the assessment', async () => {
    let posted: unknown;
    let assessmentLoads = 0;
    server.use(...entityHandlers());
    server.use(
      http.get(`${ENTITY}/assessment`, () => {
        assessmentLoads++;
        return HttpResponse.json(assessment);
      }),
      http.post(`${ENTITY}/evidence`, async ({ request, params }) => {
        posted = { params, body: await request.json() };
        return HttpResponse.json(
          {
            id: 'e1',
            entityRef: 'resource:default/orders-db',
            recordedBy: 'user:default/guest',
            recordedAt: '2026-05-04T10:00:00.000Z',
            ...(posted as any).body,
          },
          { status: 201 },
        );
      }),
    );
    renderCompliance(<EntityComplianceContent />, { entity });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Record evidence' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Record evidence' });
    // The first evidence that is missing or overdue is preselected.
    expect(within(dialog).getByRole('combobox', { name: 'Kind' })).toHaveValue(
      'dr-drill',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Kind' }),
      'restore-test',
    );
    fireEvent.change(within(dialog).getByLabelText(/Performed at/), {
      target: { value: '2026-05-01T10:00' },
    });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Fail' }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Summary/ }),
      'Restore took 5h, over the 4h RTO',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Link to the report' }),
      'https://wiki.example.com/restore-2026-05',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posted).toEqual({
      params: { kind: 'resource', namespace: 'default', name: 'orders-db' },
      body: {
        kind: 'restore-test',
        performedAt: new Date('2026-05-01T10:00').toISOString(),
        result: 'fail',
        summary: 'Restore took 5h, over the 4h RTO',
        link: 'https://wiki.example.com/restore-2026-05',
      },
    });
    await waitFor(() => expect(assessmentLoads).toBe(2));
  });

  it('shows why recording evidence was refused', async () => {
    server.use(...entityHandlers());
    server.use(
      http.post(`${ENTITY}/evidence`, () =>
        serverError(
          'You may not record evidence for resource:default/orders-db',
          403,
          'NotAllowedError',
        ),
      ),
    );
    renderCompliance(<EntityComplianceContent />, { entity });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Record evidence' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Record evidence' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Summary/ }),
      'Drill done',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(
      await within(dialog).findByText(
        'You may not record evidence for resource:default/orders-db',
      ),
    ).toBeInTheDocument();
  });

  it('requests a waiver for a failing control', async () => {
    let posted: any;
    server.use(...entityHandlers());
    server.use(
      http.post(`${BASE}/v1/waivers`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(
          {
            id: 'w2',
            status: 'pending',
            requestedBy: 'user:default/guest',
            requestedAt: '2026-05-04T10:00:00.000Z',
            expired: false,
            ...posted,
          },
          { status: 201 },
        );
      }),
    );
    renderCompliance(<EntityComplianceContent />, { entity });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request waiver for ENC-01' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request waiver for ENC-01',
    });
    const request = within(dialog).getByRole('button', { name: 'Request' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Justification/ }),
      'too short',
    );
    // A too-short text is not sent: the reason shows under the field.
    await userEvent.click(request);
    expect(
      await within(dialog).findByText(/Too short: at least \d+ characters/),
    ).toBeInTheDocument();
    expect(posted).toBeUndefined();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Justification/ }),
      ' — CMK migration in sprint 42',
    );
    const expiry = toDateInput(new Date(Date.now() + 200 * 86400_000));
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: toDateInput(new Date(Date.now() + 400 * 86400_000)) },
    });
    // The backend refuses waivers longer than a year: said under the date, nothing sent.
    expect(
      within(dialog).getByText(/A date in the next \d+ days/),
    ).toBeInTheDocument();
    await userEvent.click(request);
    expect(posted).toBeUndefined();
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: expiry },
    });
    await userEvent.click(request);

    await waitFor(() => expect(posted).toBeDefined());
    expect(posted).toEqual({
      entityRef: 'resource:default/orders-db',
      controlId: 'ENC-01',
      justification: 'too short — CMK migration in sprint 42',
      expiresAt: new Date(`${expiry}T00:00:00`).toISOString(),
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('approves a pending waiver and shows a conflict on revoke', async () => {
    const decisions: string[] = [];
    const base = {
      entityRef: 'resource:default/orders-db',
      requestedBy: 'user:default/dev',
      requestedAt: '2026-05-01T00:00:00.000Z',
      expiresAt: '2026-12-31T00:00:00.000Z',
      expired: false,
    };
    server.use(...entityHandlers());
    server.use(
      http.get(`${BASE}/v1/waivers`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('entityRef')).toBe(
          'resource:default/orders-db',
        );
        return HttpResponse.json({
          items: [
            {
              ...base,
              id: 'w1',
              controlId: 'ENC-01',
              justification: 'Key migration scheduled',
              status: 'pending',
            },
            {
              ...base,
              id: 'w0',
              controlId: 'DR-01',
              justification: 'Single-AZ until the Aurora migration',
              status: 'approved',
              decidedBy: 'user:default/tech-lead',
            },
          ],
        });
      }),
      http.post(
        `${BASE}/v1/waivers/:id/:decision`,
        async ({ params, request }) => {
          decisions.push(
            `${params.id} ${params.decision} ${JSON.stringify(
              await request.json(),
            )}`,
          );
          if (params.decision === 'revoke')
            return serverError(
              'Waiver w0 was already revoked',
              409,
              'ConflictError',
            );
          return HttpResponse.json({
            ...base,
            id: params.id,
            controlId: 'ENC-01',
            justification: 'x',
            status: 'approved',
          });
        },
      ),
    );
    renderCompliance(<EntityComplianceContent />, { entity });

    // A failing control with a pending waiver offers no second request.
    await screen.findByRole('table', { name: 'Waivers' });
    expect(
      screen.queryByRole('button', { name: 'Request waiver for ENC-01' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request waiver for DR-02' }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Approve waiver for ENC-01' }),
    );
    let dialog = screen.getByRole('dialog', {
      name: 'Approve waiver for ENC-01',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment (optional)' }),
      'OK until the migration',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Revoke waiver for DR-01' }),
    );
    dialog = screen.getByRole('dialog', { name: 'Revoke waiver for DR-01' });
    // Revoking needs a reason.
    const revoke = within(dialog).getByRole('button', { name: 'Revoke' });
    expect(revoke).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Migrated',
    );
    await userEvent.click(revoke);
    expect(
      await within(dialog).findByText('Waiver w0 was already revoked'),
    ).toBeInTheDocument();
    expect(decisions).toEqual([
      'w1 approve {"comment":"OK until the migration"}',
      'w0 revoke {"comment":"Migrated"}',
    ]);
  });
});

import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import compliancePlugin from './alpha';
import { BASE, entity, entityHandlers } from './__testUtils__/renderCompliance';

jest.setTimeout(30_000);

/** The plugin installed next to the catalog, as packages/app does. */
function renderApp(route: string) {
  return renderTestApp({
    features: [catalogPlugin, compliancePlugin],
    apis: [
      catalogApiMock({ entities: [entity] }),
      mockApis.discovery(),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    initialRouteEntries: [route],
  });
}

describe('compliance plugin in an app', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  beforeEach(() => {
    server.use(
      ...entityHandlers(),
      http.get(`${BASE}/v1/assessments`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
      http.get(`${BASE}/v1/aggregates`, () =>
        HttpResponse.json({ groups: [] }),
      ),
    );
  });

  it('adds its cards and the Compliance tab to the entity page', async () => {
    renderApp('/catalog/default/resource/orders-db');
    expect(
      await screen.findByText('Score 67%', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Disaster recovery')).toBeInTheDocument();
    // The entity tab, next to the sidebar item of the fleet page.
    expect(
      screen
        .getAllByRole('link', { name: 'Compliance' })
        .map(l => l.getAttribute('href')),
    ).toEqual([
      '/compliance',
      '/catalog/default/resource/orders-db/compliance',
    ]);
    expect(
      screen.getByRole('link', { name: 'View all controls' }),
    ).toHaveAttribute('href', '/catalog/default/resource/orders-db/compliance');
  });

  it('shows every control result on the Compliance tab', async () => {
    renderApp('/catalog/default/resource/orders-db/compliance');
    expect(
      await screen.findByRole(
        'table',
        { name: 'Control results' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Record evidence' }),
    ).toBeInTheDocument();
  });

  it('serves the fleet page at /compliance with a nav item', async () => {
    renderApp('/compliance');
    expect(
      await screen.findByRole('tab', { name: 'Controls' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No assessed entity matches these filters.'),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: 'Compliance' }),
    ).toHaveAttribute('href', '/compliance');
  });
});

import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import withErrors from '../../__fixtures__/assessmentWithErrors.json';
import {
  BASE,
  assessment,
  entity,
  entityHandlers,
  notFound,
  renderCompliance,
  serverError,
  unannotatedEntity,
} from '../../__testUtils__/renderCompliance';
import { EntityComplianceCard } from './EntityComplianceCard';

const ASSESSMENT = `${BASE}/v1/entities/:kind/:namespace/:name/assessment`;

describe('EntityComplianceCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows a progress bar while loading', async () => {
    server.use(
      http.get(ASSESSMENT, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    renderCompliance(<EntityComplianceCard />, { entity });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows status, score, failing controls, frameworks and sources', async () => {
    server.use(...entityHandlers());
    renderCompliance(<EntityComplianceCard />, { entity });

    expect(await screen.findByText('Score 67%')).toBeInTheDocument();
    expect(
      screen.getAllByText('Fail')[0].closest('[data-status]'),
    ).toHaveAttribute('data-status', 'fail');
    const severities = screen.getByRole('list', {
      name: 'Failing controls by severity',
    });
    expect(
      within(severities).getByText('Critical').parentElement,
    ).toHaveTextContent('1Critical');
    expect(
      within(severities).getByText('High').parentElement,
    ).toHaveTextContent('1High');
    const frameworks = screen.getByRole('list', {
      name: 'Frameworks in scope',
    });
    expect(within(frameworks).getByText('SOC 2')).toBeInTheDocument();
    expect(within(frameworks).getByText('GDPR')).toBeInTheDocument();
    expect(
      within(frameworks).getByText('3 pass, 2 fail, 3 unknown'),
    ).toBeInTheDocument();
    expect(screen.getByText('Declared')).toBeInTheDocument();
    expect(screen.getByText('Evidence')).toBeInTheDocument();
    expect(
      screen.getByText(/Assessed .* ago · profile declared-resource/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View all controls/ }),
    ).toBeInTheDocument();
  });

  it('lists entity-level errors such as malformed annotations', async () => {
    server.use(
      ...entityHandlers({ assessment: withErrors as unknown as Assessment }),
    );
    renderCompliance(<EntityComplianceCard />, { entity });

    const problems = await screen.findByRole('list', {
      name: 'Entity problems',
    });
    expect(
      within(problems).getByText(
        /refarch.dev\/tier: must be one of critical, standard/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No score')).toBeInTheDocument();
    expect(screen.getByText(/None declared/)).toBeInTheDocument();
  });

  it('explains which annotations to add when the entity has none', async () => {
    server.use(
      http.get(ASSESSMENT, () =>
        notFound('component:default/plain has not been assessed yet'),
      ),
    );
    renderCompliance(<EntityComplianceCard />, { entity: unannotatedEntity });

    expect(
      await screen.findByText('No compliance annotations'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Add refarch.dev\/tier and either refarch.dev\/cloudformation/,
      ),
    ).toBeInTheDocument();
    // The YAML example is highlighted lazily.
    await waitFor(() =>
      expect(
        screen.getByText('No compliance annotations').parentElement,
      ).toHaveTextContent('refarch.dev/declared.storage-encrypted: "true"'),
    );
  });

  it('says an annotated entity waits for its first assessment', async () => {
    server.use(
      http.get(ASSESSMENT, () =>
        notFound('resource:default/orders-db has not been assessed yet'),
      ),
    );
    renderCompliance(<EntityComplianceCard />, { entity });
    expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(http.get(ASSESSMENT, () => serverError('Database unavailable')));
    renderCompliance(<EntityComplianceCard />, { entity });
    expect(
      await screen.findByText('Error: Database unavailable'),
    ).toBeInTheDocument();
  });

  it('reloads for another entity without showing the previous one', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(ASSESSMENT, async ({ params }) => {
        if (params.name === 'broken') {
          await gate;
          return HttpResponse.json(withErrors);
        }
        return HttpResponse.json(assessment);
      }),
    );
    const broken = {
      ...entity,
      metadata: { ...entity.metadata, name: 'broken' },
    };
    const Switcher = () => {
      const [current, setCurrent] = useState(entity);
      return (
        <>
          <button onClick={() => setCurrent(broken)}>Next entity</button>
          <EntityProvider entity={current}>
            <EntityComplianceCard />
          </EntityProvider>
        </>
      );
    };
    renderCompliance(<Switcher />);

    expect(await screen.findByText('Score 67%')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next entity' }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('Score 67%')).not.toBeInTheDocument();
    release();
    expect(await screen.findByText('No score')).toBeInTheDocument();
  });
});

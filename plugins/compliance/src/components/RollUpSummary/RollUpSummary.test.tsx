import { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { RollUp } from '@refarch/backstage-plugin-compliance-common';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  assessment,
  entityHandlers,
  notFound,
  renderCompliance,
} from '../../__testUtils__/renderCompliance';
import { EntityComplianceCard } from '../EntityComplianceCard';

const ROLLUP = `${BASE}/v1/entities/:kind/:namespace/:name/rollup`;
const ROLLUP_HISTORY = `${ROLLUP}/history`;

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'dta-wide-production', namespace: 'default' },
  spec: { owner: 'group:default/dta-wide' },
};

const rollUp: RollUp = {
  entityRef: 'system:default/dta-wide-production',
  status: 'fail',
  ownStatus: 'pass',
  members: {
    error: 0,
    fail: 5,
    unknown: 2,
    warn: 0,
    pass: 4,
    'not-applicable': 1,
  },
  drStatus: 'breached',
  drMembers: {
    breached: 1,
    'at-risk': 0,
    unknown: 3,
    met: 8,
    'not-applicable': 0,
  },
  averageScore: 71,
  computedAt: new Date().toISOString(),
};

describe('RollUpSummary on the compliance card', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows a passing system with failing members as failing, with links to the members', async () => {
    server.use(
      ...entityHandlers({
        assessment: {
          ...assessment,
          entityRef: 'system:default/dta-wide-production',
          status: 'pass',
          score: 100,
          outOfScopeFailures: ['DR-08'],
        },
      }),
      http.get(ROLLUP, () => HttpResponse.json(rollUp)),
    );
    renderCompliance(<EntityComplianceCard />, { entity: system });

    const summary = await screen.findByLabelText('Status with all parts');
    expect(summary.querySelector('[data-status]')).toHaveAttribute(
      'data-status',
      'fail',
    );
    expect(summary).toHaveTextContent('With its 12 parts · average score 71%');
    expect(summary).toHaveTextContent('own controls: pass');
    const failing = screen.getByRole('link', { name: '5 fail' });
    expect(failing.getAttribute('href')).toContain(
      'system=system%3Adefault%2Fdta-wide-production&status=fail',
    );
    expect(screen.getByRole('link', { name: 'all 12' })).toBeInTheDocument();
    // The system's own assessment is still shown below, with its score rule as a tooltip
    // and the failures that no framework in scope covers.
    expect(screen.getByText('Score 100%')).toHaveAttribute(
      'title',
      expect.stringContaining('unknown controls count against the score'),
    );
    expect(
      screen.getByText(
        /1 failing control \(DR-08\) maps to none of the frameworks in scope/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a Group by what it owns, without an assessment of its own', async () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    server.use(
      http.get(`${BASE}/v1/entities/:kind/:namespace/:name/assessment`, () =>
        notFound('group:default/team-a has not been assessed yet'),
      ),
      http.get(ROLLUP, () =>
        HttpResponse.json({
          ...rollUp,
          entityRef: 'group:default/team-a',
          ownStatus: undefined,
          status: 'unknown',
        }),
      ),
    );
    renderCompliance(<EntityComplianceCard />, { entity: group });
    const summary = await screen.findByLabelText('Status with all parts');
    expect(summary).toHaveTextContent('With its 12 owned entities');
    expect(
      screen.getByRole('link', { name: '5 fail' }).getAttribute('href'),
    ).toContain('owner=group%3Adefault%2Fteam-a');
    expect(screen.queryByText(/Score \d+%/)).not.toBeInTheDocument();
  });

  it("draws the roll-up's trend from its history", async () => {
    server.use(
      ...entityHandlers({
        assessment: {
          ...assessment,
          entityRef: 'system:default/dta-wide-production',
        },
      }),
      http.get(ROLLUP, () => HttpResponse.json(rollUp)),
      http.get(ROLLUP_HISTORY, () =>
        HttpResponse.json({
          items: [
            {
              status: 'fail',
              previousStatus: 'pass',
              score: 71,
              drStatus: 'breached',
              changedAt: '2026-12-03T00:00:00.000Z',
            },
            {
              status: 'pass',
              score: 96,
              drStatus: 'met',
              changedAt: '2026-11-20T00:00:00.000Z',
            },
          ],
        }),
      ),
    );
    renderCompliance(<EntityComplianceCard />, { entity: system });

    const trend = await screen.findByLabelText('Trend with all parts');
    expect(within(trend).getByRole('img')).toHaveAccessibleName(
      expect.stringMatching(/96%.*71%/),
    );
  });
});

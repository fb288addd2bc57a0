import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  entity,
  renderCompliance,
} from '../../__testUtils__/renderCompliance';
import { EntityDeployedSection } from './EntityDeployedSection';

const ARN =
  'arn:aws:cloudformation:us-east-1:000000000000:stack/orders-db-drifted/aaf549a0-a413-11df-adb3-5081b3858e83';
const withStack = {
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: {
      ...entity.metadata.annotations,
      'refarch.dev/cloudformation-stack': ARN,
    },
  },
};

describe('EntityDeployedSection', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the stack status, the last failure, and drifted properties expected vs actual', async () => {
    server.use(
      http.get(`${BASE}/v1/live/entities/resource/default/orders-db`, () =>
        HttpResponse.json({
          entityRef: 'resource:default/orders-db',
          stackArn: ARN,
          consoleUrl: 'https://us-east-1.console.aws.amazon.com/cloudformation',
          health: 'failed',
          driftStatus: 'drifted',
          snapshot: {
            readAt: '2026-12-05T10:00:00Z',
            status: 'UPDATE_ROLLBACK_FAILED',
            lastUpdatedAt: '2026-11-30T08:30:00Z',
            terminationProtection: true,
            rollbackTriggers: 0,
            parameters: [{ key: 'Environment', value: 'production' }],
            lastFailure: {
              logicalId: 'Database',
              status: 'UPDATE_FAILED',
              reason:
                'Cannot modify a DB instance in state storage-optimization',
              at: '2026-11-30T08:41:00Z',
            },
          },
          drift: {
            checkedAt: '2026-12-05T10:05:00Z',
            status: 'DRIFTED',
            resources: [
              {
                logicalId: 'DataBucket',
                resourceType: 'AWS::S3::Bucket',
                status: 'MODIFIED',
                differences: [
                  {
                    path: '/BucketEncryption',
                    expected: '{"ServerSideEncryptionConfiguration":[]}',
                    actual: 'null',
                    type: 'REMOVE',
                  },
                ],
              },
            ],
          },
        }),
      ),
    );
    renderCompliance(<EntityDeployedSection />, { entity: withStack });
    expect(
      await screen.findByText('UPDATE_ROLLBACK_FAILED'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cannot modify a DB instance in state storage-optimization/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('/BucketEncryption')).toBeInTheDocument();
    expect(screen.getByText('removed')).toBeInTheDocument();
    expect(screen.getByText('Environment=production')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Open in the AWS console/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('console.aws.amazon.com'),
    );
  });

  it('shows the AWS error code when the live facts are unknown', async () => {
    server.use(
      http.get(`${BASE}/v1/live/entities/resource/default/orders-db`, () =>
        HttpResponse.json({
          entityRef: 'resource:default/orders-db',
          stackArn: ARN,
          driftStatus: 'not-checked',
          snapshot: {
            readAt: '2026-12-05T10:00:00Z',
            error: { code: 'AccessDenied', message: 'not authorized' },
          },
        }),
      ),
    );
    renderCompliance(<EntityDeployedSection />, { entity: withStack });
    expect(
      await screen.findByText(
        /Live facts unknown — AccessDenied: not authorized/,
      ),
    ).toBeInTheDocument();
  });

  it('renders nothing for an entity without a stack', async () => {
    renderCompliance(<EntityDeployedSection />, { entity });
    expect(screen.queryByText('Deployed')).not.toBeInTheDocument();
  });
});

import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClients } from './CloudFormationClients';
import { LiveStackReader } from './LiveStackReader';
import { LiveStackRefresher } from './LiveStackRefresher';
import { LiveStackStore } from './LiveStackStore';
import {
  STACK_ARN,
  describeStacks,
  getTemplate,
  testCredentials,
  throttling,
} from './__fixtures__/awsResponses';

jest.setTimeout(60_000);
const databases = createTestDatabases();
const cfn = mockClient(CloudFormationClient);

const entities = Array.from({ length: 5 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `stack-${i}`,
    namespace: 'default',
    annotations: {
      'refarch.dev/cloudformation-stack': STACK_ARN.replace(
        'MyStack',
        `Stack${i}`,
      ),
    },
  },
  spec: {},
}));

describe.each(databases.eachSupportedId())('LiveStackRefresher on %s', id => {
  it('bounds the calls of a pass, reports read and skipped, and reads the rest next pass', async () => {
    cfn.reset();
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(throttling())
      .resolves(describeStacks());
    cfn.on(GetTemplateCommand).resolves(getTemplate());
    const knex = await migratedDatabase(databases, id);
    const store = LiveStackStore.create({ knex });
    const refresher = new LiveStackRefresher({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      reader: new LiveStackReader({
        clients: new CloudFormationClients({
          credentialsManager: testCredentials,
        }),
      }),
      limits: {
        maxCallsPerPass: 7,
        maxRetriesPerPass: 5,
        concurrency: 1,
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1 },
      },
      sleep: async () => {},
    });
    // 1 throttled + 3 stacks × 2 calls = 7 calls: three read, two left for the next pass.
    expect(await refresher.runPass()).toMatchObject({
      stacks: 5,
      read: 3,
      errors: 0,
      skipped: 2,
      calls: 7,
      retries: 1,
    });
    // Next pass: the two never read first (2 calls each), then unchanged stacks cost one call.
    expect(await refresher.runPass()).toMatchObject({
      read: 5,
      skipped: 0,
      calls: 7,
    });
    const versions = await store.versions();
    expect(versions.size).toBe(5);
  });
});

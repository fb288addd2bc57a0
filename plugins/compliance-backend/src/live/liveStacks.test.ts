import {
  CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { mockClient } from 'aws-sdk-client-mock';
import Ajv from 'ajv';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import request from 'supertest';
import { compliancePlugin } from '../plugin';
import {
  STACK_ARN,
  accessDenied,
  describeStacks,
  detectStackDrift,
  detectionStatus,
  failedEvents,
  getTemplate,
  processedTemplate,
  resourceDriftsPage1,
  resourceDriftsPage2,
  throttling,
} from './__fixtures__/awsResponses';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';

jest.setTimeout(60_000);

const spec = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'openapi.yaml');
const validateDeployedStack = ajv.compile({
  $ref: 'openapi.yaml#/components/schemas/DeployedStack',
});

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

const arn = (name: string) => STACK_ARN.replace('MyStack', name);
const ARNS = {
  inSync: arn('InSync'),
  drifted: arn('Drifted'),
  deleted: arn('Deleted'),
  denied: arn('Denied'),
  throttled: arn('Throttled'),
  changed: arn('Changed'),
  failed: arn('RollbackFailed'),
};

function entity(name: string, stack: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          fixtures,
          'catalog-info.yaml',
        )}`,
        'refarch.dev/cloudformation': './bucket.json',
        'refarch.dev/cloudformation-stack': stack,
        'refarch.dev/region': 'us-east-1',
      },
    },
    spec: { type: 'environment', owner: 'group:default/team-a' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
}

const cfn = mockClient(CloudFormationClient);

function answerLikeAws() {
  cfn.reset();
  const stack = (name: string, over: Record<string, unknown> = {}) =>
    describeStacks({ StackId: arn(name), StackName: name, ...over });
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.inSync })
    .resolves(stack('InSync'));
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.drifted })
    .resolves(stack('Drifted'));
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.changed })
    .resolves(stack('Changed'));
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.deleted })
    .resolves(stack('Deleted', { StackStatus: 'DELETE_COMPLETE' }));
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.denied })
    .rejects(accessDenied());
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.throttled })
    .rejectsOnce(throttling())
    .resolves(stack('Throttled'));
  cfn
    .on(DescribeStacksCommand, { StackName: ARNS.failed })
    .resolves(
      stack('RollbackFailed', { StackStatus: 'UPDATE_ROLLBACK_FAILED' }),
    );
  cfn.on(DescribeStackEventsCommand).resolves(failedEvents());
  cfn.on(GetTemplateCommand).resolves(getTemplate());
  const changed = JSON.parse(processedTemplate);
  changed.Resources.DataBucket.Properties.VersioningConfiguration = {
    Status: 'Suspended',
  };
  cfn
    .on(GetTemplateCommand, { StackName: ARNS.changed })
    .resolves({ ...getTemplate(), TemplateBody: JSON.stringify(changed) });
  cfn.on(DetectStackDriftCommand).callsFake(input => ({
    StackDriftDetectionId: `${detectStackDrift().StackDriftDetectionId}/${
      input.StackName
    }`,
  }));
  cfn.on(DescribeStackDriftDetectionStatusCommand).callsFake(input => ({
    ...detectionStatus(input.StackDriftDetectionId.endsWith(ARNS.drifted)),
    StackDriftDetectionId: input.StackDriftDetectionId,
  }));
  cfn
    .on(DescribeStackResourceDriftsCommand, { StackName: ARNS.drifted })
    .resolves(resourceDriftsPage1());
  cfn
    .on(DescribeStackResourceDriftsCommand, {
      StackName: ARNS.drifted,
      NextToken: resourceDriftsPage1().NextToken,
    })
    .resolves(resourceDriftsPage2());
}

async function startBackend(knex: any) {
  const scheduler = mockServices.scheduler();
  const entities = [
    entity('in-sync', ARNS.inSync),
    entity('drifted', ARNS.drifted),
    entity('deleted', ARNS.deleted),
    entity('denied', ARNS.denied),
    entity('throttled', ARNS.throttled),
    entity('changed', ARNS.changed),
    entity('rollback-failed', ARNS.failed),
  ];
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      (scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          aws: {
            accounts: [
              {
                accountId: '123456789012',
                accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
                secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
              },
            ],
          },
          compliance: {
            iac: { allowedRoots: [fixtures] },
            live: {
              enabled: true,
              retry: { baseDelayMs: 1, maxDelayMs: 2 },
              drift: { pollIntervalMs: 0 },
            },
          },
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  const get = (p: string) => request(backend.server).get(`/api/compliance${p}`);
  return { backend, scheduler, get };
}

const control = (body: any, id: string) =>
  body.results.find((r: any) => r.controlId === id);

describe.each(databases.eachSupportedId())('live stacks on %s', databaseId => {
  it('reads stacks, detects drift, and judges what is deployed', async () => {
    answerLikeAws();
    const knex = await databases.init(databaseId);
    const { backend, scheduler, get } = await startBackend(knex);
    await scheduler.triggerTask('compliance-live-stacks');
    await scheduler.triggerTask('compliance-live-drift');
    await scheduler.triggerTask('compliance-evaluate');

    // In sync: the deployed template (processed, actual parameters) is judged, as live.
    const inSync = await get(
      '/v1/entities/resource/default/in-sync/assessment',
    );
    expect(inSync.status).toBe(200);
    expect(inSync.body.sources).toContain('live');
    expect(control(inSync.body, 'ENC-03')).toMatchObject({ status: 'pass' });
    expect(inSync.body.errors).toEqual([]);
    const live = await get('/v1/live/entities/resource/default/in-sync');
    expect(live.body).toMatchObject({
      stackArn: ARNS.inSync,
      health: 'healthy',
      driftStatus: 'in-sync',
      snapshot: {
        status: 'UPDATE_COMPLETE',
        terminationProtection: true,
        parameters: expect.arrayContaining([
          { key: 'Environment', value: 'production' },
        ]),
      },
    });
    expect(live.body.consoleUrl).toContain('us-east-1.console.aws.amazon.com');

    // Drifted: the bucket's encryption removed by hand fails, though the template has it;
    // both pages of DescribeStackResourceDrifts were read.
    const drifted = await get(
      '/v1/entities/resource/default/drifted/assessment',
    );
    expect(control(drifted.body, 'ENC-03')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('DataBucket: no default encryption'),
    });
    expect(drifted.body.errors.join(' ')).toContain(
      'drifted from its template',
    );
    // Live wins, and the result says what the repository's template says beside it.
    const sources = control(drifted.body, 'ENC-03').sources;
    expect(sources.map((v: any) => [v.provenance, v.status])).toEqual([
      ['iac', 'pass'],
      ['live', 'fail'],
    ]);
    expect(sources[0].source).toContain('bucket.json');
    expect(sources[1].source).toContain(ARNS.drifted);
    for (const v of sources)
      expect(Number.isNaN(Date.parse(v.observedAt))).toBe(false);
    expect(control(inSync.body, 'ENC-03').sources).toBeUndefined();
    const driftBody = (await get('/v1/live/entities/resource/default/drifted'))
      .body;
    expect(driftBody.driftStatus).toBe('drifted');
    expect(driftBody.drift.resources).toEqual([
      expect.objectContaining({
        logicalId: 'DataBucket',
        status: 'MODIFIED',
        differences: [
          expect.objectContaining({
            path: '/BucketEncryption',
            type: 'REMOVE',
          }),
        ],
      }),
      expect.objectContaining({ logicalId: 'OldQueue', status: 'DELETED' }),
    ]);
    expect(
      cfn
        .commandCalls(DescribeStackResourceDriftsCommand)
        .map(c => c.args[0].input.NextToken),
    ).toEqual([undefined, resourceDriftsPage1().NextToken]);

    // The deployed template differs from the repository's: shown on the entity.
    const changed = await get(
      '/v1/entities/resource/default/changed/assessment',
    );
    expect(changed.body.errors.join(' ')).toContain(
      'deployed template differs from the repository: DataBucket (VersioningConfiguration)',
    );

    // Deleted, denied: the live facts are unknown with the AWS code; the repository
    // template is still judged, and the other stacks were read.
    for (const [name, code] of [
      ['deleted', 'StackDeleted'],
      ['denied', 'AccessDenied'],
    ]) {
      const body = (await get(`/v1/live/entities/resource/default/${name}`))
        .body;
      expect(body.snapshot.error.code).toBe(code);
      const a = await get(`/v1/entities/resource/default/${name}/assessment`);
      expect(control(a.body, 'ENC-03')).toMatchObject({ status: 'pass' });
    }
    // Throttled once, then read.
    const throttled = (
      await get('/v1/live/entities/resource/default/throttled')
    ).body;
    expect(throttled.snapshot.status).toBe('UPDATE_COMPLETE');
    // UPDATE_ROLLBACK_FAILED with its reason.
    const failed = (
      await get('/v1/live/entities/resource/default/rollback-failed')
    ).body;
    expect(failed.health).toBe('failed');
    expect(failed.snapshot.lastFailure.reason).toContain('failed to update');

    // Every answer of the route is what openapi.yaml promises (DeployedStack, no extra field).
    const names = [
      'in-sync',
      'drifted',
      'deleted',
      'denied',
      'throttled',
      'changed',
      'rollback-failed',
    ];
    const views = new Map<string, any>();
    for (const name of names) {
      const res = await get(`/v1/live/entities/resource/default/${name}`);
      expect(res.status).toBe(200);
      const valid = validateDeployedStack(res.body);
      expect({ name, errors: validateDeployedStack.errors }).toEqual({
        name,
        errors: null,
      });
      expect(valid).toBe(true);
      views.set(`resource:default/${name}`, res.body);
    }

    // The fleet carries each entity's drift as the entity's own view says it, and filters by it.
    const fleet = (await get('/v1/assessments?limit=100')).body.items;
    expect(fleet).toHaveLength(names.length);
    for (const row of fleet)
      expect([row.entityRef, row.drift]).toEqual([
        row.entityRef,
        views.get(row.entityRef).driftStatus,
      ]);
    const driftedOnly = (await get('/v1/assessments?drift=drifted')).body;
    expect(driftedOnly.items.map((r: any) => r.entityRef)).toEqual(
      fleet
        .filter((r: any) => r.drift === 'drifted')
        .map((r: any) => r.entityRef),
    );
    expect(driftedOnly.items.map((r: any) => r.entityRef)).toContain(
      'resource:default/drifted',
    );
    expect((await get('/v1/assessments?drift=sideways')).status).toBe(400);

    // No secret reaches the API.
    expect(JSON.stringify([live.body, driftBody, failed])).not.toMatch(
      /AKIA|wJalr/,
    );
    await backend.stop();
  });
});

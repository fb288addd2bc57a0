import {
  parseTemplate,
  resolveTemplate,
} from '@refarch/backstage-plugin-compliance-node';
import {
  buildLiveTemplate,
  overlayDrift,
  templateDifferences,
} from './liveTemplate';
import { processedTemplate } from './__fixtures__/awsResponses';
import { LiveStackSnapshot } from './types';

const resolve = (body: string, parameters: Record<string, string> = {}) =>
  resolveTemplate(parseTemplate(body), { parameters });

const snapshot: LiveStackSnapshot = {
  stackArn:
    'arn:aws:cloudformation:us-east-1:123456789012:stack/MyStack/aaf549a0-a413-11df-adb3-5081b3858e83',
  accountId: '123456789012',
  region: 'us-east-1',
  stackName: 'MyStack',
  readAt: '2026-12-05T10:00:00Z',
  status: 'UPDATE_COMPLETE',
  parameters: [{ key: 'Environment', value: 'production' }],
};

describe('liveTemplate', () => {
  it('resolves the deployed template with the actual parameters', () => {
    const { live, differences } = buildLiveTemplate(
      processedTemplate,
      snapshot,
      undefined,
      resolve(processedTemplate),
    );
    expect(
      'template' in live &&
        live.template.resources.find(r => r.logicalId === 'DataBucket')
          ?.properties.BucketName,
    ).toBe('data-production');
    expect(differences).toEqual([]);
  });

  it('names resources whose properties differ from the repository, added or removed', () => {
    const changed = JSON.parse(processedTemplate);
    changed.Resources.DataBucket.Properties.VersioningConfiguration = {
      Status: 'Suspended',
    };
    delete changed.Resources.DataKey;
    changed.Resources.Queue = { Type: 'AWS::SQS::Queue', Properties: {} };
    expect(
      templateDifferences(
        resolve(processedTemplate),
        resolve(JSON.stringify(changed)),
      ),
    ).toEqual([
      // The key it was encrypted with is gone too.
      'DataBucket (BucketEncryption, VersioningConfiguration)',
      'Queue only deployed',
      'DataKey only in the repository',
    ]);
  });

  it('applies drift: REMOVE deletes, NOT_EQUAL sets the actual value, DELETED removes the resource', () => {
    const t = overlayDrift(resolve(processedTemplate), {
      checkedAt: '2026-12-05T10:00:00Z',
      status: 'DRIFTED',
      resources: [
        {
          logicalId: 'DataBucket',
          resourceType: 'AWS::S3::Bucket',
          status: 'MODIFIED',
          differences: [
            {
              path: '/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm',
              expected: 'aws:kms',
              actual: 'AES256',
              type: 'NOT_EQUAL',
            },
            {
              path: '/Tags',
              expected: 'null',
              actual: '[{"Key":"a","Value":"b"}]',
              type: 'ADD',
            },
          ],
        },
        {
          logicalId: 'DataKey',
          resourceType: 'AWS::KMS::Key',
          status: 'DELETED',
          differences: [],
        },
      ],
    });
    expect(t.resources.map(r => r.logicalId)).toEqual(['DataBucket']);
    const props = t.resources[0].properties as any;
    expect(
      props.BucketEncryption.ServerSideEncryptionConfiguration[0]
        .ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(props.Tags).toEqual([{ Key: 'a', Value: 'b' }]);
  });
});

import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { IacReader } from './IacReader';

const ROOT = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Data:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./data.yaml
`;
const data = (encrypted: boolean) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: ${encrypted}
`;

describe('IacReader', () => {
  const dir = createMockDirectory();
  const entity = (ref: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'env',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          dir.path,
          'catalog-info.yaml',
        )}`,
        'refarch.dev/cloudformation': ref,
      },
    },
  });
  const reader = () =>
    IacReader.create({
      urlReader: {} as any,
      logger: mockServices.logger.mock(),
      allowedRoots: [dir.path],
    });

  beforeEach(() =>
    dir.setContent({ 'root.yaml': ROOT, 'data.yaml': data(true) }),
  );

  it('re-reads the analysis when only a nested stack changes', async () => {
    const iac = reader();
    const first = await iac.read(entity('./root.yaml'));
    if (!first || !('template' in first))
      throw new Error(`expected a template, got ${JSON.stringify(first)}`);
    expect(
      first.template.resources.find(r => r.logicalId === 'Data/Db')!.properties
        .StorageEncrypted,
    ).toBe(true);

    fs.writeFileSync(path.join(dir.path, 'data.yaml'), data(false));
    // Make the change visible even on file systems with coarse mtimes.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir.path, 'data.yaml'), later, later);

    const second = await iac.read(entity('./root.yaml'));
    if (!second || !('template' in second))
      throw new Error('expected a template');
    expect(
      second.template.resources.find(r => r.logicalId === 'Data/Db')!.properties
        .StorageEncrypted,
    ).toBe(false);
    expect(second.contentHash).not.toBe(first.contentHash);
  });

  it('serves an unchanged template from the cache', async () => {
    const iac = reader();
    const first = await iac.read(entity('./root.yaml'));
    expect(await iac.read(entity('./root.yaml'))).toBe(first);
  });

  it('refuses paths outside the allowed roots', async () => {
    const result = await reader().read(entity('../../../../etc/passwd'));
    expect(result).toMatchObject({
      error: expect.stringContaining('outside the allowed roots'),
    });
  });
});

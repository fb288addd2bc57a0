import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { IacReader } from './IacReader';
import {
  ROOT_TEMPLATE as ROOT,
  dataTemplate as data,
} from '../__testUtils__/nestedTemplate';

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

  it('re-reads the analysis when a missing nested stack appears', async () => {
    const iac = reader();
    fs.rmSync(path.join(dir.path, 'data.yaml'));
    const first = await iac.read(entity('./root.yaml'));
    dir.addContent({ 'data.yaml': data(true) });
    const second = await iac.read(entity('./root.yaml'));
    if (!second || !('template' in second))
      throw new Error(`expected a template, got ${JSON.stringify(second)}`);
    expect(second).not.toBe(first);
    expect(
      second.template.resources.find(r => r.logicalId === 'Data/Db')!.properties
        .StorageEncrypted,
    ).toBe(true);
  });

  it('serves an unchanged template from the cache', async () => {
    const iac = reader();
    const first = await iac.read(entity('./root.yaml'));
    expect(await iac.read(entity('./root.yaml'))).toBe(first);
  });

  it('says which files a template was read from, and whether they changed since', async () => {
    const iac = reader();
    const root = entity('./root.yaml');
    // Nothing read yet: nothing to vouch for.
    expect(iac.sourcesOf(root)).toBeUndefined();
    await iac.read(root);
    const sources = iac.sourcesOf(root)!;
    expect(JSON.parse(sources).map(([file]: [string]) => file)).toEqual([
      fs.realpathSync(path.join(dir.path, 'root.yaml')),
      fs.realpathSync(path.join(dir.path, 'data.yaml')),
    ]);
    // Another reader (another thread) checks them without reading the template.
    const other = reader();
    expect(other.sourcesCurrent(root, sources)).toBe(true);

    // The nested stack changes: the sources are no longer current.
    fs.writeFileSync(path.join(dir.path, 'data.yaml'), data(false));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir.path, 'data.yaml'), later, later);
    expect(other.sourcesCurrent(root, sources)).toBe(false);
    await iac.read(root);
    const after = iac.sourcesOf(root)!;
    expect(after).not.toBe(sources);
    expect(other.sourcesCurrent(root, after)).toBe(true);

    // The entity now points at another file with the same content: not current.
    fs.copyFileSync(
      path.join(dir.path, 'root.yaml'),
      path.join(dir.path, 'copy.yaml'),
    );
    expect(other.sourcesCurrent(entity('./copy.yaml'), after)).toBe(false);
    // The root template replaced by a symlink to the copy: it resolves elsewhere.
    fs.rmSync(path.join(dir.path, 'root.yaml'));
    fs.symlinkSync(
      path.join(dir.path, 'copy.yaml'),
      path.join(dir.path, 'root.yaml'),
    );
    expect(other.sourcesCurrent(root, after)).toBe(false);
    // Garbage is never current.
    expect(other.sourcesCurrent(root, 'not json')).toBe(false);
    expect(other.sourcesCurrent(root, '[]')).toBe(false);
  });

  it('vouches for no template it could not analyse, nor for URL templates', async () => {
    const iac = reader();
    dir.addContent({ 'broken.yaml': 'Resources: [' });
    await iac.read(entity('./broken.yaml'));
    expect(iac.sourcesOf(entity('./broken.yaml'))).toBeUndefined();
    const escaped = entity('../../../../etc/passwd');
    await iac.read(escaped);
    expect(iac.sourcesOf(escaped)).toBeUndefined();
    expect(
      iac.sourcesOf(entity('https://example.com/template.yaml')),
    ).toBeUndefined();
  });

  it('refuses paths outside the allowed roots', async () => {
    const result = await reader().read(entity('../../../../etc/passwd'));
    expect(result).toMatchObject({
      error: expect.stringContaining('outside the allowed roots'),
    });
  });
});

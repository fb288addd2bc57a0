import { Entity } from '@backstage/catalog-model';
import { diffSnapshots, snapshotOf } from './templateSnapshot';

const entity: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'aws-service', annotations: { ignored: 'yes' } },
  spec: { owner: 'group:default/platform', steps: [] },
};

describe('snapshotOf', () => {
  it('keeps the spec as YAML (not the metadata) and text files, binaries as digests only', () => {
    const snapshot = snapshotOf(
      entity,
      [
        { path: 'a.txt', content: Buffer.from('hello') },
        { path: 'logo.png', content: Buffer.from([0x89, 0x50, 0x00, 0x01]) },
      ],
      [
        { path: 'a.txt', sha256: 'h1', size: 5 },
        { path: 'logo.png', sha256: 'h2', size: 4 },
      ],
    );
    expect(snapshot.spec).toContain('owner: group:default/platform');
    expect(snapshot.spec).not.toContain('ignored');
    expect(snapshot.files).toEqual([
      { path: 'a.txt', sha256: 'h1', size: 5, text: 'hello' },
      { path: 'logo.png', sha256: 'h2', size: 4, text: undefined },
    ]);
  });
});

describe('diffSnapshots', () => {
  const base = {
    spec: 'steps: []\n',
    files: [
      { path: 'a.txt', sha256: '1', size: 1, text: 'one\n' },
      { path: 'gone.txt', sha256: '2', size: 1, text: 'bye\n' },
      { path: 'same.txt', sha256: '3', size: 1, text: 'same\n' },
    ],
  };
  const next = {
    spec: 'steps: [x]\n',
    files: [
      { path: 'a.txt', sha256: '1b', size: 1, text: 'two\n' },
      { path: 'new.bin', sha256: '4', size: 9 },
      { path: 'same.txt', sha256: '3', size: 1, text: 'same\n' },
    ],
  };

  it('lists the spec first, then changed files by path, with unified diffs labelled by version', () => {
    const diff = diffSnapshots(base, next, 'a1', 'b2');
    expect(diff.map(d => [d.path, d.change])).toEqual([
      ['template.yaml (spec)', 'modified'],
      ['a.txt', 'modified'],
      ['gone.txt', 'removed'],
      ['new.bin', 'added'],
    ]);
    expect(diff[1].patch).toContain('--- a.txt@a1');
    expect(diff[1].patch).toContain('+++ a.txt@b2');
    expect(diff[1].patch).toContain('-one\n+two');
    // A binary file has no patch, only its change.
    expect(diff[3].patch).toBeUndefined();
  });

  it('shows everything as added for a template never approved', () => {
    const diff = diffSnapshots(undefined, next, undefined, 'b2');
    expect(diff.every(d => d.change === 'added')).toBe(true);
    expect(diff[0].patch).toContain('+steps: [x]');
  });
});

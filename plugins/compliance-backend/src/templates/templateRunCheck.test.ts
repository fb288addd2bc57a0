import { Entity } from '@backstage/catalog-model';
import {
  dryRunVersion,
  freshnessOf,
  parseTemplateStamp,
  refusalMessage,
} from './templateRunCheck';

const template: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'aws-service' },
  spec: {
    steps: [
      { id: 'fetch', action: 'fetch:template', input: { url: './skeleton' } },
    ],
  },
};
const file = (path: string, text: string) => ({
  path,
  base64Content: Buffer.from(text).toString('base64'),
});

describe('dryRunVersion', () => {
  it('versions the template with the files its fetch steps read, in the default namespace', () => {
    const a = dryRunVersion({
      template,
      directoryContents: [
        file('./skeleton/app.ts', 'one'),
        file('notes.md', 'x'),
      ],
    });
    expect(a.entity.metadata.namespace).toBe('default');
    // A file outside the fetched paths is not part of the version...
    const b = dryRunVersion({
      template,
      directoryContents: [
        file('skeleton/app.ts', 'one'),
        file('notes.md', 'changed'),
      ],
    });
    expect(b.version).toBe(a.version);
    // ...a fetched file is.
    const c = dryRunVersion({
      template,
      directoryContents: [file('skeleton/app.ts', 'two')],
    });
    expect(c.version).not.toBe(a.version);
  });

  it('asks for the template when there is none', () => {
    expect(() => dryRunVersion({})).toThrow(
      'A dry-run check needs the template',
    );
  });
});

describe('refusalMessage', () => {
  it('says what is wrong, what runs instead and who approves where', () => {
    expect(
      refusalMessage({
        templateRef: 'template:default/aws-service',
        version: 'b2',
        state: 'pending',
        dryRun: false,
        approvedVersion: 'a1',
        approvers: ['group:default/tech-leads', 'group:default/payments-leads'],
      }),
    ).toBe(
      "template:default/aws-service version b2 is pending; only approved template versions run. The approved version is a1, which is no longer the template's content. Members of group:default/tech-leads, group:default/payments-leads can approve it at /compliance/templates/default/aws-service.",
    );
  });

  it('names an unreviewed version and the tech leads’ dry-run right', () => {
    expect(
      refusalMessage({
        templateRef: 'template:default/aws-service',
        version: 'zz',
        state: 'unknown',
        dryRun: true,
        approvers: ['group:default/tech-leads'],
      }),
    ).toMatch(
      /^template:default\/aws-service version zz is not reviewed; only approved template versions run \(tech leads may dry-run it\)\. No version of it has been approved yet\./,
    );
  });
});

describe('parseTemplateStamp', () => {
  it('reads full and short stamps', () => {
    expect(parseTemplateStamp('template:default/aws-service@0123abcd')).toEqual(
      {
        templateRef: 'template:default/aws-service',
        version: '0123abcd',
      },
    );
    expect(parseTemplateStamp('aws-service@1')).toEqual({
      templateRef: 'template:default/aws-service',
      version: '1',
    });
  });

  it.each([
    ['aws-service', '"aws-service" is not template:[namespace/]name@version'],
    [
      'component:default/x@1',
      'stamp "component:default/x@1" names a component, not a template',
    ],
    ['aws-service@a b', 'the version after @ is a template version'],
  ])('refuses %p', (stamp, message) => {
    expect(() => parseTemplateStamp(stamp)).toThrow(message);
  });
});

describe('freshnessOf', () => {
  it('tells current, outdated, unapproved and unknown versions apart', () => {
    expect(freshnessOf('b2', 'b2', 'approved')).toEqual({
      state: 'current',
      latestApproved: 'b2',
    });
    expect(freshnessOf('a1', 'b2', 'superseded')).toEqual({
      state: 'outdated',
      latestApproved: 'b2',
    });
    expect(freshnessOf('c3', 'b2', 'pending')).toEqual({
      state: 'outdated',
      latestApproved: 'b2',
    });
    expect(freshnessOf('a1', undefined, 'rejected')).toEqual({
      state: 'unapproved',
      latestApproved: undefined,
    });
    expect(freshnessOf('zz', 'b2', undefined)).toEqual({
      state: 'unknown',
      latestApproved: 'b2',
    });
  });
});

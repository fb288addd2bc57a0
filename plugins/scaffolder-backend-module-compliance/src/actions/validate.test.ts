import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import path from 'path';
import { createValidateAction } from './validate';

const fixtures = path.resolve(
  __dirname,
  '../../../compliance-node/src/__fixtures__',
);

describe('compliance:validate', () => {
  const action = createValidateAction({ policy: defaultPolicy });
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  it('passes conforming infrastructure and writes the report', async () => {
    workspace.setContent({
      'infra/service.yaml': fs.readFileSync(
        path.join(fixtures, 'service-good.yaml'),
        'utf8',
      ),
    });
    const ctx = createMockActionContext({
      input: {
        path: 'infra',
        failOn: 'high',
        reportPath: 'compliance-report.json',
      },
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('status', 'pass');
    expect(ctx.output).toHaveBeenCalledWith('failing', []);
    const report = JSON.parse(
      fs.readFileSync(
        path.join(workspace.path, 'compliance-report.json'),
        'utf8',
      ),
    );
    // Files are named as in the generated repository, not by the scaffolder's working directory.
    expect(report.templates[0]).toMatchObject({
      file: 'infra/service.yaml',
      failing: [],
    });
  });

  it('fails the task on a weakened template, naming the controls', async () => {
    workspace.setContent({
      'infra/env.yaml': fs.readFileSync(
        path.join(fixtures, 'environment-weak.yaml'),
        'utf8',
      ),
    });
    const ctx = createMockActionContext({
      input: {
        path: 'infra',
        failOn: 'high',
        reportPath: 'compliance-report.json',
      },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /infra\/env\.yaml: ENC-01 \[critical\].*unencrypted/,
    );
    // The report is written before failing, so the task log and the file say why.
    const report = JSON.parse(
      fs.readFileSync(
        path.join(workspace.path, 'compliance-report.json'),
        'utf8',
      ),
    );
    expect(report.templates[0].failing.map((f: any) => f.controlId)).toEqual(
      expect.arrayContaining(['ENC-01', 'NET-01', 'NET-02', 'DR-01', 'DR-02']),
    );
  });

  it('lets medium findings through when failing only on critical', async () => {
    workspace.setContent({
      'infra/env.yaml': fs
        .readFileSync(path.join(fixtures, 'environment-weak.yaml'), 'utf8')
        .replace('MultiAZ: false', 'MultiAZ: true'),
    });
    const ctx = createMockActionContext({
      input: { path: 'infra', failOn: 'critical', reportPath: 'r.json' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /3 failing control\(s\) at or above critical/,
    );
  });

  it('rejects paths outside the workspace and missing templates with a clear message', async () => {
    const outside = createMockActionContext({
      input: { path: '../../etc', failOn: 'high', reportPath: 'r.json' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(outside as any)).rejects.toThrow(/outside/i);
    workspace.setContent({ 'README.md': '# nothing here' });
    const empty = createMockActionContext({
      input: { path: '.', failOn: 'high', reportPath: 'r.json' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(empty as any)).rejects.toThrow(
      /no CloudFormation template found/,
    );
  });

  it('reports a hostile template as an error instead of crashing', async () => {
    workspace.setContent({
      'infra/bomb.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: &a [x, x, x, x, x, x, x, x, x]\n  B: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  C: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  D: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  E: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
    });
    const ctx = createMockActionContext({
      input: { path: 'infra', failOn: 'high', reportPath: 'r.json' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /bomb\.yaml: .*alias/i,
    );
  });
});

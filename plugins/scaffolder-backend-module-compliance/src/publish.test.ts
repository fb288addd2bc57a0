/*
 * Both Software Templates run as tasks (not dry runs) through the real scaffolder backend, with
 * the real publish:github action against a fake GitHub (a local server answering the REST API
 * with msw handlers, pushes into real bare repositories) and the real catalog backend: the
 * repository is created, the files land in it, main is protected with the checks the generated
 * CI runs on pull requests, and the registered entity appears in the catalog stamped with the
 * approved template version. A task for a host without a GitHub integration is refused before
 * any step.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import { notificationService } from '@backstage/plugin-notifications-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the portal runs the compliance plugin beside the scaffolder: it approves and stamps versions
import compliancePlugin from '@refarch/backstage-plugin-compliance-backend';
import type { AddressInfo } from 'net';
import path from 'path';
import YAML from 'yaml';
import scaffolderModuleCompliance from './index';
import { FakeGitHub, startFakeGitHub } from './__testUtils__/fakeGitHub';

jest.setTimeout(240_000);

const TEMPLATES = path.resolve(__dirname, '../../../templates');
const PAGERDUTY =
  'https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue';

let github: FakeGitHub;
let baseUrl: string;
let stopBackend: () => Promise<void>;

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api/${url}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>) {
  const until = Date.now() + 120_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Approves the template's current version as a tech lead would, and returns it. */
async function approve(name: string): Promise<string> {
  await eventually(`template ${name} in the catalog`, async () =>
    (
      await api('GET', `catalog/entities/by-name/template/default/${name}`)
    ).status === 200
      ? true
      : undefined,
  );
  const current = await api(
    'GET',
    `compliance/v1/templates/default/${name}/current`,
  );
  expect(current.status).toBe(200);
  const decided = await api(
    'POST',
    `compliance/v1/templates/default/${name}/versions/${current.body.version}/approve`,
    { comment: 'Reviewed in the publish test' },
  );
  expect(decided.status).toBe(200);
  return current.body.version;
}

type TaskResult = {
  status: string;
  steps: Record<string, string>;
  output: {
    links?: Array<{ title: string; url?: string; entityRef?: string }>;
    text?: Array<{ title: string; content: string }>;
  };
  log: string;
};

async function runTask(
  templateRef: string,
  values: Record<string, unknown>,
): Promise<TaskResult> {
  const created = await api('POST', 'scaffolder/v2/tasks', {
    templateRef,
    values,
  });
  expect(created).toMatchObject({ status: 201 });
  const id = created.body.id;
  const status = await eventually(`task ${id}`, async () => {
    const { body } = await api('GET', `scaffolder/v2/tasks/${id}`);
    return ['completed', 'failed', 'cancelled'].includes(body.status)
      ? (body.status as string)
      : undefined;
  });
  const { body: events } = await api('GET', `scaffolder/v2/tasks/${id}/events`);
  const steps: Record<string, string> = {};
  for (const e of events)
    if (e.body?.stepId && e.body?.status) steps[e.body.stepId] = e.body.status;
  return {
    status,
    steps,
    output:
      events.find((e: any) => e.type === 'completion')?.body?.output ?? {},
    log: events.map((e: any) => e.body?.message ?? '').join('\n'),
  };
}

async function catalogEntity(ref: string) {
  const [kind, rest] = ref.split(':');
  return eventually(`${ref} in the catalog`, async () => {
    const res = await api('GET', `catalog/entities/by-name/${kind}/${rest}`);
    return res.status === 200 ? res.body : undefined;
  });
}

/**
 * Names of the jobs of a GitHub workflow that run on pull requests (no `if`, and every job
 * they need runs too): the checks branch protection can require.
 */
function pullRequestChecks(workflow: string): string[] {
  const parsed = YAML.parse(workflow);
  expect(parsed.on).toHaveProperty('pull_request');
  const jobs = parsed.jobs as Record<
    string,
    { if?: string; needs?: string | string[]; name: string }
  >;
  const runs = (id: string): boolean =>
    !jobs[id].if && [jobs[id].needs ?? []].flat().every(runs);
  return Object.keys(jobs)
    .filter(runs)
    .map(id => jobs[id].name);
}

beforeAll(async () => {
  github = await startFakeGitHub();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      scaffolderModuleGithub,
      scaffolderModuleCompliance,
      compliancePlugin,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      (mockServices.scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          integrations: {
            github: [
              {
                host: github.host,
                apiBaseUrl: github.apiBaseUrl,
                token: github.token,
              },
            ],
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Resource',
                  'Location',
                  'Template',
                ],
              },
            ],
            locations: ['aws-service', 'aws-environment'].map(name => ({
              type: 'file',
              target: path.join(TEMPLATES, name, 'template.yaml'),
            })),
          },
          compliance: { iac: { allowedRoots: [TEMPLATES] } },
        },
      }),
    ],
  });
  baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  stopBackend = () => backend.stop();
});

afterAll(async () => {
  await stopBackend?.();
  await github?.stop();
});

describe('aws-service, run as a task', () => {
  let version: string;
  let task: TaskResult;

  beforeAll(async () => {
    version = await approve('aws-service');
    task = await runTask('template:default/aws-service', {
      name: 'orders-api',
      description: 'Takes and tracks the orders of the shop',
      owner: 'group:default/team-orders',
      system: 'system:default/shop',
      tier: 'critical',
      environment: 'system:default/shop-production',
      azCount: 3,
      dataClassification: 'health',
      frameworks: ['soc2', 'gdpr'],
      region: 'eu-central-1',
      port: 8080,
      cpu: '1024',
      memory: '2048',
      desiredCount: 3,
      listenerPriority: 120,
      alertEndpoint: PAGERDUTY,
      repoUrl: `${github.host}?owner=acme&repo=orders-api`,
      deploy: false,
    });
  });

  it('runs every step', () => {
    expect({ status: task.status, log: task.log }).toMatchObject({
      status: 'completed',
    });
    expect(task.steps).toEqual({
      'template-version': 'completed',
      tier: 'completed',
      fetch: 'completed',
      validate: 'completed',
      publish: 'completed',
      register: 'completed',
      deploy: 'skipped',
      summary: 'completed',
    });
  });

  it('creates the repository and pushes every generated file to main', () => {
    expect(github.calls).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/orgs/acme/repos',
        body: expect.objectContaining({ name: 'orders-api', private: true }),
      }),
    );
    const files = github.files('acme', 'orders-api');
    for (const file of [
      'catalog-info.yaml',
      'compliance-report.json',
      '.github/workflows/ci.yml',
      '.github/deploy.sh',
      'infra/service.yaml',
      'src/app.ts',
      'Dockerfile',
    ])
      expect(files).toContain(file);
    expect(
      JSON.parse(github.show('acme', 'orders-api', 'compliance-report.json')),
    ).toMatchObject({ failOn: 'low' });
  });

  it('protects main, requiring the checks the generated CI runs on pull requests', () => {
    const protection = github.calls.find(
      c =>
        c.method === 'PUT' &&
        c.path === '/repos/acme/orders-api/branches/main/protection',
    );
    const ci = github.show('acme', 'orders-api', '.github/workflows/ci.yml');
    expect(protection?.body).toMatchObject({
      required_status_checks: { strict: true },
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 1 },
    });
    expect(protection!.body.required_status_checks.contexts).toEqual(
      pullRequestChecks(ci),
    );
    expect(pullRequestChecks(ci)).toHaveLength(4);
  });

  it('registers the entity in the catalog with the approved version stamped', async () => {
    const entity = await catalogEntity('component:default/orders-api');
    expect(entity.metadata.annotations).toMatchObject({
      'refarch.dev/template': `template:default/aws-service@${version}`,
      'refarch.dev/tier': 'critical',
      'backstage.io/managed-by-location': `url:http://${github.host}/acme/orders-api/tree/main/catalog-info.yaml`,
    });
  });

  it('links to the repository, the entity and its Compliance tab', () => {
    expect(task.output.links).toEqual(
      expect.arrayContaining([
        {
          title: 'Repository',
          icon: 'github',
          url: `http://${github.host}/acme/orders-api`,
        },
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: 'component:default/orders-api',
        },
        {
          title: 'Compliance tab',
          url: '/catalog/default/component/orders-api/compliance',
        },
      ]),
    );
  });
});

describe('aws-environment, run as a task', () => {
  let version: string;
  let task: TaskResult;

  beforeAll(async () => {
    version = await approve('aws-environment');
    task = await runTask('template:default/aws-environment', {
      name: 'shop-prod',
      description: 'Shop production: orders and payments',
      owner: 'group:default/platform-engineering',
      environmentKind: 'production',
      tier: 'standard',
      azCount: 3,
      awsAccountId: '123456789012',
      dataClassification: 'personal',
      frameworks: ['soc2', 'gdpr'],
      region: 'eu-central-1',
      vpcCidr: '10.20.0.0/16',
      domainName: 'shop.example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      dbInstanceClass: 'db.r6g.large',
      cacheNodeType: 'cache.r7g.large',
      alertEndpoint: PAGERDUTY,
      deploy: false,
      repoUrl: `${github.host}?owner=acme&repo=shop-prod-infra`,
    });
  });

  it('runs every step, publishes, protects main and registers the environment', async () => {
    expect({ status: task.status, log: task.log }).toMatchObject({
      status: 'completed',
    });
    expect(task.steps).toMatchObject({
      publish: 'completed',
      register: 'completed',
      'deploy-dr-region': 'skipped',
    });
    const files = github.files('acme', 'shop-prod-infra');
    expect(files).toEqual(
      expect.arrayContaining([
        'infra/root.yaml',
        'infra/network.yaml',
        'infra/dr-region.yaml',
        'infra/catalog-info.yaml',
        'catalog-info.yaml',
        'compliance-report.json',
        'compliance-report-dr-region.json',
        '.github/workflows/deploy.yml',
      ]),
    );
    const protection = github.calls.find(
      c =>
        c.method === 'PUT' &&
        c.path === '/repos/acme/shop-prod-infra/branches/main/protection',
    );
    expect(protection!.body.required_status_checks.contexts).toEqual(
      pullRequestChecks(
        github.show('acme', 'shop-prod-infra', '.github/workflows/deploy.yml'),
      ),
    );
    const system = await catalogEntity('system:default/shop-prod');
    expect(system.metadata.annotations).toMatchObject({
      'refarch.dev/template': `template:default/aws-environment@${version}`,
      'refarch.dev/tier': 'standard',
    });
    // The Location in catalog-info.yaml brings the environment resource beside its CloudFormation.
    await catalogEntity('resource:default/shop-prod-environment');
    expect(task.output.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Repository',
          url: `http://${github.host}/acme/shop-prod-infra`,
        }),
        expect.objectContaining({ entityRef: 'system:default/shop-prod' }),
        expect.objectContaining({
          url: '/catalog/default/system/shop-prod/compliance',
        }),
      ]),
    );
    expect(
      task.output.text?.find(t => t.title === 'What this run deployed')
        ?.content,
    ).toMatch(/^Nothing: no stack was created\./);
  });
});

describe('a host without a GitHub integration', () => {
  it('is refused before any step, saying how to configure one', async () => {
    const before = github.calls.length;
    const tasks = (await api('GET', 'scaffolder/v2/tasks')).body.tasks.length;
    const refused = await api('POST', 'scaffolder/v2/tasks', {
      templateRef: 'template:default/aws-service',
      values: {
        name: 'billing-api',
        repoUrl: 'github.com?owner=acme&repo=billing-api',
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^Publishing to github\.com needs a GitHub integration with a token .*nothing was run\. Start the portal with GITHUB_TOKEN set .*integrations\.github/,
    );
    expect((await api('GET', 'scaffolder/v2/tasks')).body.tasks).toHaveLength(
      tasks,
    );
    expect(github.calls.length).toBe(before);
  });
});

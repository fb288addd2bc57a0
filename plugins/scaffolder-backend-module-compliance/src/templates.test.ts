/*
 * The Software Templates in templates/ (aws-environment, aws-service), run the way the portal runs
 * them: the real scaffolder backend with this module, through its dry-run API. For every kind of
 * environment and every tier, the generated infrastructure must pass every control at severity low,
 * use only resource types and properties that exist in the CloudFormation specification, and the
 * forms must reject bad input with a message that names the field.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import {
  defaultPolicy,
  parseTemplate,
} from '@refarch/backstage-plugin-compliance-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import YAML from 'yaml';
import { createValidateAction } from './actions/validate';
import scaffolderModuleCompliance from './index';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test backend runs the compliance plugin beside the scaffolder, as the portal does (the guard asks it)
import compliancePlugin from '@refarch/backstage-plugin-compliance-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';

jest.setTimeout(120_000);

const TEMPLATES = path.resolve(__dirname, '../../../templates');
const KINDS = ['dev', 'staging', 'production'] as const;
const TIERS = ['critical', 'standard'] as const;
const PAGERDUTY =
  'https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue';

type Kind = (typeof KINDS)[number];
type Tier = (typeof TIERS)[number];
type File = { path: string; base64Content: string; executable?: boolean };
type DryRunResponse = {
  status: number;
  body: {
    log?: Array<{
      body: { stepId?: string; status?: string; message?: string };
    }>;
    directoryContents?: File[];
    output?: { text?: Array<{ title: string; content: string }> };
    errors?: Array<{
      property: string;
      name: string;
      message: string;
      argument?: unknown;
    }>;
    error?: { message: string };
  };
};

/** template.yaml and its skeleton, as the dry-run API takes them (paths relative to template.yaml). */
function loadTemplate(
  name: string,
  edit?: (file: string, text: string) => string,
) {
  const dir = path.join(TEMPLATES, name);
  const template = YAML.parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const files: File[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), {
      withFileTypes: true,
    })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else {
        const full = path.join(dir, rel);
        const text = fs.readFileSync(full, 'utf8');
        files.push({
          path: rel,
          base64Content: Buffer.from(edit ? edit(rel, text) : text).toString(
            'base64',
          ),
          executable: (fs.statSync(full).mode & 0o111) !== 0,
        });
      }
    }
  };
  walk('skeleton');
  return { template, files };
}

function environmentValues(kind: Kind, tier: Tier) {
  const i = KINDS.indexOf(kind);
  return {
    name: `shop-${kind}`,
    description: `Shop ${kind}: orders and payments`,
    owner: 'group:default/platform-engineering',
    environmentKind: kind,
    tier,
    azCount: kind === 'dev' ? 2 : 3,
    awsAccountId: '123456789012',
    dataClassification:
      tier === 'critical'
        ? 'health'
        : ['internal', 'personal', 'confidential'][i],
    frameworks: tier === 'critical' ? ['soc2', 'gdpr', 'diga'] : ['soc2'],
    region: ['eu-west-1', 'eu-north-1', 'eu-central-1'][i],
    vpcCidr: ['10.0.0.0/20', '172.16.0.0/18', '10.20.0.0/16'][i],
    domainName: `${kind}.shop.example.com`,
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    dbInstanceClass: kind === 'production' ? 'db.r6g.large' : 'db.t4g.medium',
    cacheNodeType:
      kind === 'production' ? 'cache.r7g.large' : 'cache.t4g.medium',
    alertEndpoint: PAGERDUTY,
    deploy: false,
    repoUrl: `github.com?owner=acme&repo=shop-${kind}-infra`,
  };
}

function serviceValues(kind: Kind, tier: Tier) {
  return {
    name: 'orders-api',
    description: 'Takes and tracks the orders of the shop',
    owner: 'group:default/team-orders',
    system: 'system:default/shop',
    tier,
    environment: `system:default/shop-${kind}`,
    stagingEnvironment: 'system:default/shop-staging',
    azCount: kind === 'dev' ? 2 : 3,
    dataClassification: tier === 'critical' ? 'health' : 'internal',
    frameworks: ['soc2', 'gdpr'],
    region: tier === 'critical' ? 'eu-central-1' : 'us-east-1',
    port: 8080,
    cpu: kind === 'production' ? '1024' : '256',
    memory: kind === 'production' ? '2048' : '512',
    desiredCount: kind === 'production' ? 3 : 2,
    listenerPriority: 120,
    alertEndpoint: PAGERDUTY,
    repoUrl: 'github.com?owner=acme&repo=orders-api',
    deploy: false,
  };
}

// ---------------------------------------------------------------- CloudFormation specification

type SpecDb = Awaited<ReturnType<typeof loadAwsServiceSpec>>;
let spec: SpecDb;

const isIntrinsic = (v: unknown) =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  /^(Ref|Fn::)/.test(Object.keys(v)[0]);

/**
 * Checks a value against a property type of the specification: nested property names are
 * checked recursively through type definitions, lists and maps; values computed by intrinsic
 * functions are not (their shape is known only when deployed).
 */
function checkType(
  value: unknown,
  type: any,
  where: string,
  errors: string[],
): boolean {
  if (value === undefined || value === null || isIntrinsic(value)) return true;
  switch (type.type) {
    case 'ref': {
      const def = spec.get('typeDefinition', type.reference);
      if (typeof value !== 'object' || Array.isArray(value)) {
        errors.push(`${where}: expected an object (${def.name})`);
        return false;
      }
      let ok = true;
      for (const [key, v] of Object.entries(value as object)) {
        const property = def.properties[key];
        if (!property) {
          errors.push(`${where}.${key}: not a property of ${def.name}`);
          ok = false;
        } else ok = checkProperty(v, property, `${where}.${key}`, errors) && ok;
      }
      return ok;
    }
    case 'array':
      return Array.isArray(value)
        ? value.every((v, i) =>
            checkType(v, type.element, `${where}[${i}]`, errors),
          )
        : checkType(value, type.element, where, errors);
    case 'map':
      return (
        typeof value !== 'object' ||
        Object.entries(value as object).every(([k, v]) =>
          checkType(v, type.element, `${where}.${k}`, errors),
        )
      );
    case 'union':
      if (type.types.some((t: any) => checkType(value, t, where, [])))
        return true;
      errors.push(
        `${where}: matches none of the types the specification allows`,
      );
      return false;
    default:
      return true;
  }
}

function checkProperty(
  value: unknown,
  property: any,
  where: string,
  errors: string[],
): boolean {
  const candidates = [property.type, ...(property.previousTypes ?? [])];
  let first: string[] | undefined;
  for (const type of candidates) {
    const found: string[] = [];
    if (checkType(value, type, where, found) && found.length === 0) return true;
    first ??= found;
  }
  errors.push(...(first ?? []));
  return false;
}

/** Every resource type and property (recursively) of a template, against the specification. */
function specErrors(file: string, text: string): string[] {
  const { template } = parseTemplate(Buffer.from(text), { fileName: file });
  const errors: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const [definition] = spec.lookup(
      'resource',
      'cloudFormationType',
      'equals',
      resource.Type,
    );
    if (!definition) {
      errors.push(
        `${file}: ${id}: ${resource.Type} is not a CloudFormation resource type`,
      );
      continue;
    }
    for (const [key, value] of Object.entries(resource.Properties ?? {})) {
      const property = definition.properties[key];
      if (!property)
        errors.push(
          `${file}: ${id}.${key}: not a property of ${resource.Type}`,
        );
      else checkProperty(value, property, `${file}: ${id}.${key}`, errors);
    }
  }
  return errors;
}

// ---------------------------------------------------------------- The scaffolder backend

let baseUrl: string;
let stopBackend: () => Promise<void>;

beforeAll(async () => {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleGithub,
      scaffolderModuleCompliance,
      // Answers the approval guard: these dry runs come from a user the mock permissions allow to approve.
      compliancePlugin,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      (mockServices.scheduler as any).factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { backend: { baseUrl: 'http://localhost:7007' } },
      }),
    ],
  });
  baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  stopBackend = () => backend.stop();
  spec = await loadAwsServiceSpec();
});

afterAll(async () => {
  await stopBackend?.();
});

async function dryRun(
  name: string,
  values: Record<string, unknown>,
  edit?: (file: string, text: string) => string,
): Promise<DryRunResponse> {
  const { template, files } = loadTemplate(name, edit);
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ template, values, directoryContents: files }),
  });
  return {
    status: res.status,
    body: (await res.json()) as DryRunResponse['body'],
  };
}

function outputFiles(response: DryRunResponse): Map<string, string> {
  return new Map(
    (response.body.directoryContents ?? []).map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

/** The final status of each step, from the task log. */
function stepStatuses(response: DryRunResponse): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const { body } of response.body.log ?? []) {
    if (body.stepId && body.status) statuses[body.stepId] = body.status;
  }
  return statuses;
}

/** The generated CloudFormation: files under infra/ except the catalog descriptor. */
const cloudFormation = (files: Map<string, string>) =>
  [...files.entries()].filter(
    ([file]) =>
      file.startsWith('infra/') &&
      file.endsWith('.yaml') &&
      !file.endsWith('catalog-info.yaml'),
  );

function expectCleanReport(
  files: Map<string, string>,
  reportPath: string,
  expectedTemplates: string[],
) {
  const report = JSON.parse(files.get(reportPath) ?? 'null');
  expect(report).toMatchObject({
    failOn: 'low',
    policyVersion: defaultPolicy.version,
  });
  expect(
    report.templates.map((t: any) => path.basename(t.file)).sort(),
  ).toEqual(expectedTemplates);
  for (const t of report.templates) {
    expect({
      file: t.file,
      status: t.status,
      failing: t.failing,
      unknown: t.unknown,
    }).toEqual({ file: t.file, status: 'pass', failing: [], unknown: [] });
  }
  return report;
}

// ---------------------------------------------------------------- aws-environment

describe('template aws-environment', () => {
  describe.each(
    KINDS.flatMap(kind => TIERS.map(tier => [kind, tier] as const)),
  )('%s, tier %s', (kind, tier) => {
    let response: DryRunResponse;
    let files: Map<string, string>;

    beforeAll(async () => {
      response = await dryRun('aws-environment', environmentValues(kind, tier));
      files = outputFiles(response);
    });

    it('runs every step of the real scaffolder successfully', () => {
      expect(response.body.error).toBeUndefined();
      expect(response.status).toBe(200);
      expect(stepStatuses(response)).toEqual({
        'template-version': 'completed',
        tier: 'completed',
        fetch: 'completed',
        validate: 'completed',
        'validate-dr-region': 'completed',
        // Publishing and registering do not support dry runs: the editor still shows every file.
        publish: 'skipped',
        register: 'skipped',
        'deploy-dr-region': 'skipped',
        summary: 'completed',
      });
      expect(response.body.output?.text?.[0].content).toMatch(
        /Environment: \*\*pass\*\*, 0 failing control\(s\)/,
      );
    });

    it('generates the environment, its catalog entities, pipeline and runbook', () => {
      for (const file of [
        'infra/root.yaml',
        'infra/network.yaml',
        'infra/security.yaml',
        'infra/data.yaml',
        'infra/compute.yaml',
        'infra/observability.yaml',
        'infra/backup.yaml',
        'infra/dr-region.yaml',
        'infra/catalog-info.yaml',
        'catalog-info.yaml',
        '.github/workflows/deploy.yml',
        'docs/dr-runbook.md',
        'docs/index.md',
        'mkdocs.yml',
        'README.md',
      ]) {
        expect(files.has(file)).toBe(true);
      }
      const root = files.get('infra/root.yaml')!;
      for (const nested of [
        'network',
        'security',
        'data',
        'compute',
        'observability',
        'backup',
      ]) {
        expect(root).toContain(`TemplateURL: ./${nested}.yaml`);
      }
      // Production always spans three zones.
      const azs = (
        files.get('infra/network.yaml')!.match(/^ {2}PublicSubnet\d:$/gm) ?? []
      ).length;
      expect(azs).toBe(kind === 'dev' ? 2 : 3);
    });

    it('passes every control at severity low, with nothing unknown (nested stacks followed)', () => {
      const environment = expectCleanReport(files, 'compliance-report.json', [
        'root.yaml',
      ]);
      const drRegion = expectCleanReport(
        files,
        'compliance-report-dr-region.json',
        ['dr-region.yaml'],
      );
      // The tier's RPO/RTO per disruption type are met, region loss included (copies in the DR region).
      expect(
        environment.templates[0].dr.disruptions.map((d: any) => [
          d.disruption,
          d.status,
        ]),
      ).toEqual([
        ['software', 'met'],
        ['hardware', 'met'],
        ['az', 'met'],
        ['region', 'met'],
      ]);
      expect(drRegion.templates[0].score).toBe(100);
    });

    it('describes the environment in the catalog with the compliance annotations', () => {
      const entities = YAML.parseAllDocuments(
        files.get('catalog-info.yaml')!,
      ).map(d => d.toJS());
      const system = entities.find(e => e.kind === 'System');
      const values = environmentValues(kind, tier);
      // The tier alone sets the targets (per disruption type, from the policy); a
      // tier-wide RPO would be weaker than the tier's 15 min data-corruption target.
      expect(system.metadata.annotations['refarch.dev/rpo']).toBeUndefined();
      expect(system.metadata.annotations).toMatchObject({
        'refarch.dev/tier': tier,
        'refarch.dev/frameworks': values.frameworks.join(','),
        'refarch.dev/data-classification': values.dataClassification,
        'refarch.dev/region': values.region,
        'refarch.dev/cloudformation': './infra/root.yaml',
        'refarch.dev/template': 'template:default/aws-environment@dry-run',
      });
      const resources = entities.filter(e => e.kind === 'Resource');
      expect(resources.map(r => r.spec.type)).toEqual(
        expect.arrayContaining([
          'network',
          'kms-key',
          'secret',
          'database',
          'cache',
          'object-storage',
          'load-balancer',
          'waf',
          'audit-trail',
          'backup-plan',
        ]),
      );
      for (const r of resources) {
        expect(r.metadata.annotations['refarch.dev/region']).toBe(
          values.region,
        );
        expect(r.metadata.annotations['refarch.dev/tier']).toBe(tier);
        expect(r.spec.system).toBe(values.name);
      }
      const [environment] = YAML.parseAllDocuments(
        files.get('infra/catalog-info.yaml')!,
      ).map(d => d.toJS());
      expect(environment).toMatchObject({
        kind: 'Resource',
        spec: { type: 'environment' },
      });
      expect(
        environment.metadata.annotations['refarch.dev/cloudformation'],
      ).toBe('./root.yaml');
      // The pipeline: OIDC, package + deploy, approval environment.
      const deploy = YAML.parse(files.get('.github/workflows/deploy.yml')!);
      expect(deploy.permissions['id-token']).toBe('write');
      expect(deploy.jobs.deploy.environment).toBe(kind);
      expect(files.get('.github/workflows/deploy.yml')).toMatch(
        /aws cloudformation package[\s\S]*aws cloudformation deploy/,
      );
      expect(files.get('.github/workflows/deploy.yml')).toContain(
        'role-to-assume: ${{ env.DEPLOY_ROLE }}',
      );
      expect(files.get('docs/dr-runbook.md')).toMatch(/yearly[\s\S]*monthly/);
    });

    it('uses only resource types and properties of the CloudFormation specification', () => {
      const templates = cloudFormation(files);
      expect(templates).toHaveLength(8);
      expect(
        templates.flatMap(([file, text]) => specErrors(file, text)),
      ).toEqual([]);
    });
  });

  it('fails compliance:validate naming ENC-01 when the generated database is unencrypted', async () => {
    const response = await dryRun(
      'aws-environment',
      environmentValues('production', 'critical'),
    );
    expect(response.status).toBe(200);
    const workspace = fs.mkdtempSync(
      path.join(os.tmpdir(), 'aws-environment-'),
    );
    try {
      for (const [file, text] of outputFiles(response)) {
        fs.mkdirSync(path.dirname(path.join(workspace, file)), {
          recursive: true,
        });
        fs.writeFileSync(
          path.join(workspace, file),
          file === 'infra/data.yaml'
            ? text.replace('StorageEncrypted: true', 'StorageEncrypted: false')
            : text,
        );
      }
      const action = createValidateAction({ policy: defaultPolicy });
      const ctx = createMockActionContext({
        input: {
          path: './infra/root.yaml',
          failOn: 'low',
          reportPath: 'weak.json',
        },
        workspacePath: workspace,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        /ENC-01 \[critical\] Data\/Database: StorageEncrypted is not true/,
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'failing',
        expect.arrayContaining([expect.stringMatching(/root\.yaml: ENC-01$/)]),
      );
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('stops the scaffolder task when the skeleton is weakened', async () => {
    const response = await dryRun(
      'aws-environment',
      environmentValues('staging', 'standard'),
      (file, text) =>
        file === 'skeleton/infra/data.yaml'
          ? text.replace('StorageEncrypted: true', 'StorageEncrypted: false')
          : text,
    );
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toMatch(
      /compliance:validate: 1 failing control\(s\) at or above low:\n.*root\.yaml: ENC-01 \[critical\] Data\/Database: StorageEncrypted is not true/,
    );
  });

  describe('rejects bad input with a message naming the field', () => {
    it.each([
      ['an upper-case name', { name: 'Shop-Prod' }, 'name', 'pattern'],
      [
        'a name with a reserved word',
        { name: 'audit-prod' },
        'name',
        'pattern',
      ],
      ['a /8 network', { vpcCidr: '10.0.0.0/8' }, 'vpcCidr', 'pattern'],
      ['a /24 network', { vpcCidr: '10.0.0.0/24' }, 'vpcCidr', 'pattern'],
      [
        'an address that is not IPv4',
        { vpcCidr: '10.300.0.0/16' },
        'vpcCidr',
        'pattern',
      ],
      ['a CIDR without prefix', { vpcCidr: '10.0.0.0' }, 'vpcCidr', 'pattern'],
      [
        'an alert endpoint that is not PagerDuty',
        { alertEndpoint: 'https://hooks.slack.com/services/T000/B000/XXXX' },
        'alertEndpoint',
        'pattern',
      ],
      ['a 3-digit account', { awsAccountId: '123' }, 'awsAccountId', 'pattern'],
    ])('%s', async (_what, change, field, keyword) => {
      const response = await dryRun('aws-environment', {
        ...environmentValues('staging', 'standard'),
        ...change,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            property: `instance.${field}`,
            name: keyword,
          }),
        ]),
      );
      expect(
        response.body.errors!.map(e => `${e.property} ${e.message}`).join('\n'),
      ).toMatch(new RegExp(`instance\\.${field} does not match pattern`));
    });

    it('explains the formats in the form', () => {
      const { template } = loadTemplate('aws-environment');
      const props = Object.assign(
        {},
        ...template.spec.parameters.map((p: any) => p.properties),
      );
      expect(props.vpcCidr['ui:help']).toMatch(/\/16 to \/20/);
      expect(props.name['ui:help']).toMatch(/a-z, 0-9 and "-"/);
      expect(props.alertEndpoint['ui:help']).toMatch(/events\.pagerduty\.com/);
    });

    it('keeps health data in the EU', async () => {
      const response = await dryRun('aws-environment', {
        ...environmentValues('production', 'critical'),
        dataClassification: 'health',
        region: 'us-east-1',
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toMatch(/region|oneOf/);
      const ok = await dryRun('aws-environment', {
        ...environmentValues('production', 'standard'),
        dataClassification: 'internal',
        region: 'us-east-1',
      });
      expect(ok.status).toBe(200);
    });

    it('forces three availability zones in production', async () => {
      const response = await dryRun('aws-environment', {
        ...environmentValues('production', 'standard'),
        azCount: 2,
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toMatch(/oneOf|azCount/);
    });
  });
});

// ---------------------------------------------------------------- aws-service

describe('template aws-service', () => {
  describe.each(
    KINDS.flatMap(kind => TIERS.map(tier => [kind, tier] as const)),
  )('in a %s environment, tier %s', (kind, tier) => {
    let response: DryRunResponse;
    let files: Map<string, string>;

    beforeAll(async () => {
      response = await dryRun('aws-service', serviceValues(kind, tier));
      files = outputFiles(response);
    });

    it('runs every step of the real scaffolder successfully', () => {
      expect(response.body.error).toBeUndefined();
      expect(response.status).toBe(200);
      expect(stepStatuses(response)).toEqual({
        'template-version': 'completed',
        tier: 'completed',
        fetch: 'completed',
        validate: 'completed',
        publish: 'skipped',
        register: 'skipped',
        deploy: 'skipped',
        summary: 'completed',
      });
      expect(response.body.output?.text?.[0].content).toMatch(
        /\*\*pass\*\* — 0 failing control\(s\)/,
      );
    });

    it('generates the service, its tests, image, infrastructure, pipeline and docs', () => {
      for (const file of [
        'src/app.ts',
        'src/server.ts',
        'src/healthcheck.ts',
        'src/app.test.ts',
        'package.json',
        'package-lock.json',
        'tsconfig.json',
        'Dockerfile',
        '.dockerignore',
        'infra/service.yaml',
        '.github/workflows/ci.yml',
        '.github/deploy.sh',
        'catalog-info.yaml',
        'docs/index.md',
        'mkdocs.yml',
      ]) {
        expect(files.has(file)).toBe(true);
      }
      expect(files.get('src/app.ts')).toContain("case '/health':");
      expect(files.get('src/app.test.ts')).toContain("from 'node:test'");
      expect(files.get('Dockerfile')).toMatch(
        /FROM node:22-alpine AS build[\s\S]*FROM gcr\.io\/distroless\/nodejs22[\s\S]*USER 1000/,
      );
      expect(JSON.parse(files.get('package.json')!)).toMatchObject({
        name: 'orders-api',
        scripts: { test: expect.stringContaining('node --test') },
      });
      const subnets = files.get('infra/service.yaml')!;
      expect(subnets).toContain(`Default: '${kind === 'dev' ? 2 : 3}'`);
    });

    it('passes every control at severity low, with nothing unknown', () => {
      const report = expectCleanReport(files, 'compliance-report.json', [
        'service.yaml',
      ]);
      expect(report.templates[0].score).toBe(100);
    });

    it('describes the service in the catalog with the compliance annotations and the pipeline facts', () => {
      const [component] = YAML.parseAllDocuments(
        files.get('catalog-info.yaml')!,
      ).map(d => d.toJS());
      const values = serviceValues(kind, tier);
      expect(component).toMatchObject({
        kind: 'Component',
        spec: { type: 'service', owner: values.owner, system: values.system },
      });
      expect(component.metadata.annotations).toMatchObject({
        'refarch.dev/tier': tier,
        'refarch.dev/frameworks': 'soc2,gdpr',
        'refarch.dev/data-classification': values.dataClassification,
        'refarch.dev/region': values.region,
        'refarch.dev/cloudformation': './infra/service.yaml',
        'refarch.dev/template': 'template:default/aws-service@dry-run',
        'refarch.dev/declared.ci-sast': 'true',
        'refarch.dev/declared.ci-container-scan-blocking': 'true',
        'refarch.dev/declared.ci-staging-tests': 'true',
        'refarch.dev/declared.ci-production-approval': 'true',
        'refarch.dev/declared.ci-oidc': 'true',
        'refarch.dev/declared.long-lived-credentials': 'false',
        'github.com/project-slug': 'acme/orders-api',
      });
      expect(component.spec.dependsOn).toContain(
        `resource:default/shop-${kind}-db`,
      );
      const ci = YAML.parse(files.get('.github/workflows/ci.yml')!);
      expect(Object.keys(ci.jobs)).toEqual([
        'test',
        'sast',
        'infra',
        'image',
        'deploy-staging',
        'staging-tests',
        'deploy-production',
      ]);
      expect(ci.jobs.sast.steps.at(-1).run).toMatch(/semgrep scan .*--error/);
      const trivy = ci.jobs.image.steps.find((s: any) =>
        String(s.uses).startsWith('aquasecurity/trivy-action'),
      );
      expect(trivy.with).toMatchObject({
        severity: 'CRITICAL',
        'exit-code': '1',
      });
      expect(ci.jobs['deploy-production']).toMatchObject({
        environment: 'production',
        needs: 'staging-tests',
        permissions: { 'id-token': 'write' },
      });
      expect(
        ci.jobs['deploy-staging'].steps.find((s: any) =>
          String(s.uses).startsWith('aws-actions/configure-aws-credentials'),
        ).with['role-to-assume'],
      ).toBeDefined();
    });

    it('uses only resource types and properties of the CloudFormation specification', () => {
      const templates = cloudFormation(files);
      expect(templates.map(([file]) => file)).toEqual(['infra/service.yaml']);
      expect(
        templates.flatMap(([file, text]) => specErrors(file, text)),
      ).toEqual([]);
    });
  });

  describe('rejects bad input with a message naming the field', () => {
    it.each([
      ['an upper-case name', { name: 'Orders_API' }, 'name', 'pattern'],
      ['a name starting with a digit', { name: '1orders' }, 'name', 'pattern'],
      ['a two-letter name', { name: 'ab' }, 'name', 'pattern'],
      ['a single task', { desiredCount: 1 }, 'desiredCount', 'minimum'],
      ['a privileged port', { port: 80 }, 'port', 'minimum'],
      [
        'an alert endpoint that is not PagerDuty',
        { alertEndpoint: 'https://example.com/hook' },
        'alertEndpoint',
        'pattern',
      ],
    ])('%s', async (_what, change, field, keyword) => {
      const response = await dryRun('aws-service', {
        ...serviceValues('staging', 'standard'),
        ...change,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            property: `instance.${field}`,
            name: keyword,
          }),
        ]),
      );
    });

    it('explains the name format in the form', () => {
      const { template } = loadTemplate('aws-service');
      const name = template.spec.parameters[0].properties.name;
      expect(name.pattern).toBe('^[a-z][a-z0-9-]{2,38}$');
      expect(name['ui:help']).toMatch(
        /a-z, 0-9 and "-", 3-39 characters, starting with a letter/,
      );
    });

    it('keeps personal data in the EU and takes only valid Fargate sizes', async () => {
      const abroad = await dryRun('aws-service', {
        ...serviceValues('production', 'critical'),
        dataClassification: 'personal',
        region: 'us-east-1',
      });
      expect(abroad.status).toBe(400);
      const oversized = await dryRun('aws-service', {
        ...serviceValues('production', 'critical'),
        cpu: '256',
        memory: '8192',
      });
      expect(oversized.status).toBe(400);
    });
  });

  it('fails compliance:validate naming HRD-01 and HRD-02 when the generated task is weakened', async () => {
    const response = await dryRun(
      'aws-service',
      serviceValues('production', 'critical'),
    );
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-service-'));
    try {
      for (const [file, text] of outputFiles(response)) {
        fs.mkdirSync(path.dirname(path.join(workspace, file)), {
          recursive: true,
        });
        fs.writeFileSync(
          path.join(workspace, file),
          file === 'infra/service.yaml'
            ? text
                .replace(
                  'ReadonlyRootFilesystem: true',
                  'ReadonlyRootFilesystem: false',
                )
                .replace("User: '1000'", "User: '0'")
            : text,
        );
      }
      const action = createValidateAction({ policy: defaultPolicy });
      const ctx = createMockActionContext({
        input: { path: '.', failOn: 'low', reportPath: 'weak.json' },
        workspacePath: workspace,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        /HRD-01[\s\S]*HRD-02/,
      );
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('the CloudFormation specification check', () => {
  it('catches a property that does not exist', () => {
    const errors = specErrors(
      'x.yaml',
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Db:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties: { StorageEncrypted: true, StorageEncryption: true }',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties: { VersioningConfiguration: { Status: Enabled, Mode: always } }',
        '  Thing:',
        '    Type: AWS::Nope::Thing',
      ].join('\n'),
    );
    expect(errors).toEqual([
      'x.yaml: Db.StorageEncryption: not a property of AWS::RDS::DBInstance',
      'x.yaml: Bucket.VersioningConfiguration.Mode: not a property of VersioningConfiguration',
      'x.yaml: Thing: AWS::Nope::Thing is not a CloudFormation resource type',
    ]);
  });
});

describe('the tier choice of the forms', () => {
  it.each(['aws-service', 'aws-environment'])(
    "%s offers the policy's tiers, labelled by the compliance plugin's field from the policy",
    name => {
      const { template } = loadTemplate(name);
      const tier = template.spec.parameters[0].properties.tier;
      expect(tier.enum).toEqual(Object.keys(defaultPolicy.tiers));
      // No second copy of the targets in the template: the field labels them from the policy.
      expect(tier['ui:field']).toBe('ComplianceTierPicker');
      expect(tier.enumNames).toBeUndefined();
      expect(JSON.stringify(tier)).not.toMatch(/RPO|RTO/);
    },
  );
});

describe('the forms speak to people (issue 15)', () => {
  /** Every property schema of a template's form, with its path, dependencies included. */
  const propertiesOf = (name: string) => {
    const out: Array<[string, any]> = [];
    const visit = (node: any, where: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [key, prop] of Object.entries<any>(node.properties ?? {}))
        out.push([`${where}.${key}`, prop]);
      for (const [key, value] of Object.entries<any>(node))
        if (typeof value === 'object') visit(value, `${where}.${key}`);
    };
    loadTemplate(name).template.spec.parameters.forEach((p: any, i: number) =>
      visit(p, `parameters[${i}]`),
    );
    return out;
  };

  it.each(['aws-service', 'aws-environment'])(
    '%s opens with the template gate, uses no enumNames and words every pattern error',
    name => {
      const { template } = loadTemplate(name);
      const [first] = Object.values<any>(
        template.spec.parameters[0].properties,
      );
      expect(first['ui:field']).toBe('ComplianceTemplateGate');
      const props = propertiesOf(name);
      expect(props.filter(([, p]) => p.enumNames).map(([w]) => w)).toEqual([]);
      expect(
        props
          .filter(([, p]) => p.pattern && !p.errorMessage?.pattern)
          .map(([w]) => w),
      ).toEqual([]);
    },
  );

  it.each([
    [
      'aws-service',
      {
        owner: ['Group'],
        system: ['System'],
        environment: ['System'],
        stagingEnvironment: ['System'],
      },
    ],
    ['aws-environment', { owner: ['Group'] }],
  ])(
    '%s picks its catalog entities with the picker that finds them by name or title',
    (name, kinds) => {
      // Every field that picks from the catalog (it has a catalogFilter), with its field and kinds.
      const pickers = Object.fromEntries(
        propertiesOf(name)
          .filter(([, p]) => p['ui:options']?.catalogFilter)
          .map(([where, p]) => [
            where.split('.').pop(),
            [p['ui:field'], p['ui:options'].catalogFilter.kind],
          ]),
      );
      expect(pickers).toEqual(
        Object.fromEntries(
          Object.entries(kinds).map(([key, kind]) => [
            key,
            ['ComplianceEntityPicker', kind],
          ]),
        ),
      );
    },
  );

  it('labels the CPU sizes with oneOf titles the dependencies still match', async () => {
    const { template } = loadTemplate('aws-service');
    const cpu = template.spec.parameters[2].properties.cpu;
    expect(cpu.oneOf).toEqual(
      ['256', '512', '1024', '2048'].map(c =>
        expect.objectContaining({ const: c, title: expect.any(String) }),
      ),
    );
    const response = await dryRun('aws-service', {
      ...serviceValues('production', 'critical'),
      cpu: '3000',
    });
    expect(response.status).toBe(400);
  });
});

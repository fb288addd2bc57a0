/*
 * Template approval end to end on the server: the real scaffolder (with the compliance
 * module's guard and actions), the compliance backend, the real permission framework with
 * this portal's policy, on SQLite and PostgreSQL. The template is a copy of
 * templates/aws-service in a git repository whose last commit is by a tech lead.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { execFileSync } from 'child_process';
import fs from 'fs';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import YAML from 'yaml';
import permissionPolicyModule from './permissionPolicyModule';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleCompliance from '@refarch/backstage-plugin-scaffolder-backend-module-compliance';
import compliancePlugin from '@refarch/backstage-plugin-compliance-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({
  ids:
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
    process.env.CI
      ? ['SQLITE_3', 'POSTGRES_15']
      : ['SQLITE_3'],
  disableDocker: true,
});

const LEAD = 'user:default/lead';
const EDITOR = 'user:default/lead-two';
const ENGINEER = 'user:default/engineer';
const TEMPLATE = 'template:default/aws-service';

const memberships: Record<string, string[]> = {
  [LEAD]: [LEAD, 'group:default/tech-leads'],
  [EDITOR]: [EDITOR, 'group:default/tech-leads'],
  [ENGINEER]: [ENGINEER, 'group:default/platform-engineering'],
};

const values = {
  name: 'orders-api',
  description: 'Takes and tracks the orders of the shop',
  owner: 'group:default/platform-engineering',
  system: 'system:default/shop',
  tier: 'critical',
  environment: 'system:default/shop-production',
  azCount: 3,
  dataClassification: 'health',
  frameworks: ['soc2', 'gdpr'],
  region: 'eu-central-1',
  port: 8080,
  cpu: '512',
  memory: '1024',
  desiredCount: 2,
  listenerPriority: 120,
  alertEndpoint:
    'https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue',
  repoUrl: 'github.com?owner=acme&repo=orders-api',
  deploy: false,
};

function git(dir: string, ...args: string[]) {
  execFileSync('git', args, {
    cwd: dir,
    stdio: 'pipe',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
  });
}

/**
 * A copy of templates/aws-service, committed by lead-two (lead2@example.com). Publishing and
 * registering are left out of the copy: this test is about approval (the scaffolder module's
 * publish.test runs them against a fake GitHub and a real catalog).
 */
function templateRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'template-approval-'));
  const dir = path.join(root, 'aws-service');
  fs.cpSync(path.resolve(__dirname, '../../../templates/aws-service'), dir, {
    recursive: true,
  });
  const file = path.join(dir, 'template.yaml');
  const template = YAML.parse(fs.readFileSync(file, 'utf8'));
  template.spec.steps = template.spec.steps.filter(
    (step: { id: string }) => !['publish', 'register'].includes(step.id),
  );
  delete template.spec.output.links;
  fs.writeFileSync(file, YAML.stringify(template));
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(
    root,
    '-c',
    'user.name=Lead Two',
    '-c',
    'user.email=lead2@example.com',
    'commit',
    '-q',
    '-m',
    'aws-service template',
  );
  return dir;
}

function entities(dir: string): Entity[] {
  const template = YAML.parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  template.metadata.namespace = 'default';
  template.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${path.join(
      dir,
      'template.yaml',
    )}`,
  };
  const user = (name: string, email: string, group: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email }, memberOf: [group] },
  });
  const group = (name: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  });
  return [
    template,
    user('lead', 'lead@example.com', 'tech-leads'),
    user('lead-two', 'lead2@example.com', 'tech-leads'),
    user('engineer', 'engineer@example.com', 'platform-engineering'),
    group('tech-leads'),
    group('platform-engineering'),
  ];
}

type KnexFor = (pluginId: string) => Promise<unknown>;

const SERVICE_TOKEN_PREFIX = mockCredentials.service
  .token({ onBehalfOf: mockCredentials.user(), targetPluginId: 'x' })
  .split('{')[0];

/**
 * The mock HTTP auth, except that a request a plugin makes on behalf of a user carries the
 * plugin as actor, as real tokens do (the permission backend refuses resource permissions
 * without a resourceRef from users calling it directly).
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      credentials: (async (req: any, options: any) => {
        const credentials: any = await inner.credentials(req, options);
        const token = String(req.headers.authorization ?? '').replace(
          /^Bearer\s+/i,
          '',
        );
        if (
          credentials.principal.type === 'user' &&
          token.startsWith(SERVICE_TOKEN_PREFIX)
        ) {
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: 'plugin:on-behalf-of' },
          });
        }
        return credentials;
      }) as any,
      issueUserCookie: inner.issueUserCookie.bind(inner),
    };
  },
});

async function startPortalBackend(knexFor: KnexFor, dir: string) {
  const scheduler = mockServices.scheduler();
  const sent: any[] = [];
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleCompliance,
      compliancePlugin,
      permissionPlugin,
      permissionPolicyModule,
      permissionsServiceFactory,
      httpAuthWithActors,
      catalogServiceMock.factory({ entities: entities(dir) }),
      // One database per plugin (as in production), shared by every backend started in the test.
      createServiceFactory({
        service: coreServices.database,
        deps: { pluginMetadata: coreServices.pluginMetadata },
        factory: ({ pluginMetadata }) => ({
          getClient: async () => (await knexFor(pluginMetadata.getId())) as any,
        }),
      }),
      (scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          permission: { enabled: true },
          // The scaffolder module refuses tasks whose repoUrl host has no GitHub integration.
          integrations: { github: [{ host: 'github.com', token: 'test' }] },
          compliance: {
            techLeadGroups: ['group:default/tech-leads'],
            iac: { allowedRoots: [path.dirname(dir)] },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          getUserInfo: async (credentials: any) => {
            const ref = credentials.principal.userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: memberships[ref] ?? [ref],
            };
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (n: any) => {
            sent.push(n);
          },
        }),
      }),
    ],
  });
  const base = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }/api`;
  const call = async (
    user: string,
    method: string,
    p: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: {
        authorization: mockCredentials.user.header(user),
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    backend,
    call,
    sent,
    sync: () => scheduler.triggerTask('compliance-template-reviews'),
  };
}

async function waitForTask(
  call: Awaited<ReturnType<typeof startPortalBackend>>['call'],
  id: string,
) {
  for (let i = 0; i < 120; i++) {
    const task = await call(ENGINEER, 'GET', `/scaffolder/v2/tasks/${id}`);
    if (task.body?.status === 'completed' || task.body?.status === 'failed')
      return task.body;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`task ${id} did not finish`);
}

function dryRunBody(dir: string) {
  const template = YAML.parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (sub: string) => {
    for (const e of fs.readdirSync(path.join(dir, sub), {
      withFileTypes: true,
    })) {
      const rel = path.posix.join(sub, e.name);
      if (e.isDirectory()) walk(rel);
      else
        files.push({
          path: rel,
          base64Content: fs
            .readFileSync(path.join(dir, rel))
            .toString('base64'),
        });
    }
  };
  walk('skeleton');
  return { template, values, directoryContents: files };
}

describe.each(databases.eachSupportedId())(
  'template approval on %s',
  databaseId => {
    it('runs only approved versions, lets only other tech leads approve, and records concurrent approvals once', async () => {
      const knexes = new Map<string, Promise<unknown>>();
      const knexFor: KnexFor = pluginId => {
        if (!knexes.has(pluginId))
          knexes.set(pluginId, databases.init(databaseId));
        return knexes.get(pluginId)!;
      };
      const dir = templateRepo();
      const portal = await startPortalBackend(knexFor, dir);
      const { call } = portal;

      // The scheduled pass records the version, dry-runs it with the default inputs and checks the output.
      await portal.sync();
      const listed = await call(ENGINEER, 'GET', '/compliance/v1/templates');
      expect(listed.status).toBe(200);
      const summary = listed.body.items.find(
        (t: any) => t.templateRef === TEMPLATE,
      );
      expect(summary).toMatchObject({
        currentState: 'pending',
        reportStatus: 'pass',
        failing: 0,
      });
      const version: string = summary.currentVersion;
      expect(version).toMatch(/^[a-f0-9]{16}$/);
      const detail = await call(
        ENGINEER,
        'GET',
        '/compliance/v1/templates/default/aws-service',
      );
      const record = detail.body.versions[0];
      expect(record).toMatchObject({
        version,
        state: 'pending',
        lastEditor: EDITOR,
      });
      expect(record.report).toMatchObject({ outcome: 'ok', status: 'pass' });
      expect(record.report.passed.map((p: any) => p.controlId)).toEqual(
        expect.arrayContaining(['ENC-02', 'HRD-01']),
      );
      expect(
        record.report.findings.filter((f: any) => f.status === 'fail'),
      ).toEqual([]);
      expect(detail.body.diff.map((d: any) => d.path)).toEqual(
        expect.arrayContaining(['template.yaml (spec)', 'skeleton/Dockerfile']),
      );
      expect(detail.body.canDecide).toEqual({
        allowed: false,
        reason: expect.stringContaining('Only tech leads'),
      });
      // Tech leads were told it awaits review.
      expect(portal.sent).toContainEqual(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/tech-leads'],
          },
          payload: expect.objectContaining({
            title: expect.stringContaining(`version ${version} awaits review`),
          }),
        }),
      );

      // Unapproved: a task is refused for everyone, with the version and who can approve it.
      for (const user of [ENGINEER, LEAD]) {
        const task = await call(user, 'POST', '/scaffolder/v2/tasks', {
          templateRef: TEMPLATE,
          values,
        });
        expect(task.status).toBe(403);
        expect(task.body.error.message).toContain(
          `${TEMPLATE} version ${version} is pending`,
        );
        expect(task.body.error.message).toContain(
          'Members of group:default/tech-leads can approve it',
        );
      }
      // A dry run: tech leads yes, engineers no.
      expect(
        (
          await call(
            ENGINEER,
            'POST',
            '/scaffolder/v2/dry-run',
            dryRunBody(dir),
          )
        ).status,
      ).toBe(403);
      const leadDryRun = await call(
        LEAD,
        'POST',
        '/scaffolder/v2/dry-run',
        dryRunBody(dir),
      );
      expect(leadDryRun.body.error).toBeUndefined();
      expect(leadDryRun.status).toBe(200);

      // Approval: not by an engineer (403), not by the last editor (403, four eyes), rejection needs a comment.
      const approve = (user: string, v = version, comment?: string) =>
        call(
          user,
          'POST',
          `/compliance/v1/templates/default/aws-service/versions/${v}/approve`,
          comment ? { comment } : {},
        );
      expect((await approve(ENGINEER)).status).toBe(403);
      const own = await approve(EDITOR);
      expect(own.status).toBe(403);
      expect(own.body.error.message).toContain('four eyes');
      expect(
        (
          await call(
            LEAD,
            'POST',
            `/compliance/v1/templates/default/aws-service/versions/${version}/reject`,
            {},
          )
        ).status,
      ).toBe(400);
      const approved = await approve(
        LEAD,
        version,
        'Checked the diff and the report',
      );
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        currentState: 'approved',
        latestApproved: { version, decidedBy: LEAD },
      });
      expect(
        approved.body.versions[0].events.map((e: any) => e.action),
      ).toEqual(['detected', 'approved']);
      expect(portal.sent).toContainEqual(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/platform-engineering'],
          },
          payload: expect.objectContaining({
            title: expect.stringContaining('was approved by user:default/lead'),
          }),
        }),
      );

      // Approved: the engineer's task runs, and stamps the version on what it creates.
      const created = await call(ENGINEER, 'POST', '/scaffolder/v2/tasks', {
        templateRef: TEMPLATE,
        values,
      });
      expect(created.status).toBe(201);
      const task = await waitForTask(call, created.body.id);
      expect(task.status).toBe('completed');
      const events = await call(
        ENGINEER,
        'GET',
        `/scaffolder/v2/tasks/${created.body.id}/events`,
      );
      expect(JSON.stringify(events.body)).toContain(
        `${TEMPLATE} version ${version} (approved)`,
      );
      expect(
        (
          await call(
            ENGINEER,
            'GET',
            `/compliance/v1/template-freshness?stamp=${encodeURIComponent(
              `${TEMPLATE}@${version}`,
            )}`,
          )
        ).body,
      ).toMatchObject({ state: 'current' });

      // Editing a skeleton file makes a new version: the approval no longer applies.
      fs.appendFileSync(path.join(dir, 'skeleton/Dockerfile'), '\n# edited\n');
      const refused = await call(ENGINEER, 'POST', '/scaffolder/v2/tasks', {
        templateRef: TEMPLATE,
        values,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /version [a-f0-9]{16} is pending/,
      );
      expect(refused.body.error.message).toContain(
        `The approved version is ${version}`,
      );
      const edited = await call(
        LEAD,
        'GET',
        '/compliance/v1/templates/default/aws-service',
      );
      const next: string = edited.body.currentVersion;
      expect(next).not.toBe(version);
      expect(edited.body.diff).toEqual([
        expect.objectContaining({
          path: 'skeleton/Dockerfile',
          change: 'modified',
          patch: expect.stringContaining('+# edited'),
        }),
      ]);
      // Approving the old version again is a conflict; the old stamp is now outdated once the next is approved.
      expect((await approve(LEAD, version)).status).toBe(409);

      // Two backends on the same database approve the new version at the same moment: one decision.
      const second = await startPortalBackend(knexFor, dir);
      const results = await Promise.all([
        approve(LEAD, next, 'first'),
        second.call(
          LEAD,
          'POST',
          `/compliance/v1/templates/default/aws-service/versions/${next}/approve`,
          { comment: 'second' },
        ),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([200, 409]);
      const finalDetail = await call(
        LEAD,
        'GET',
        '/compliance/v1/templates/default/aws-service',
      );
      const nextRecord = finalDetail.body.versions.find(
        (v: any) => v.version === next,
      );
      expect(
        nextRecord.events.filter((e: any) => e.action === 'approved'),
      ).toHaveLength(1);
      expect(
        finalDetail.body.versions.find((v: any) => v.version === version).state,
      ).toBe('superseded');
      expect(
        (
          await call(
            ENGINEER,
            'GET',
            `/compliance/v1/template-freshness?stamp=${encodeURIComponent(
              `${TEMPLATE}@${version}`,
            )}`,
          )
        ).body,
      ).toMatchObject({ state: 'outdated', latestApproved: next });

      await second.backend.stop();
      await portal.backend.stop();
    });
  },
);

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import path from 'path';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { testEntities } from './testEntities';
import { createTestDatabases } from './__testUtils__/createTestDatabases';

jest.setTimeout(60_000);

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

// The system of the test catalog, with nothing to judge of its own.
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

const teamA: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe.each(databases.eachSupportedId())('roll-ups on %s', databaseId => {
  it('a System, its owner and a Group show the worst of their members after each pass', async () => {
    const knex = await databases.init(databaseId);
    const scheduler = mockServices.scheduler();
    const backend = await startTestBackend({
      features: [
        compliancePlugin,
        catalogServiceMock.factory({
          entities: [...testEntities(fixtures), shop, teamA],
        }),
        mockServices.database.factory({ knex }),
        (scheduler as any).factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: { compliance: { iac: { allowedRoots: [fixtures] } } },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
    const get = (p: string) =>
      request(backend.server).get(`/api/compliance${p}`);

    // Before the first pass there is nothing to show, and the answer says why.
    const before = await get('/v1/entities/system/default/shop/rollup');
    expect(before.status).toBe(404);
    expect(before.body.error.message).toContain('end of each evaluation pass');

    await scheduler.triggerTask('compliance-evaluate');

    const own = await get('/v1/entities/system/default/shop/assessment');
    expect(own.body.status).toBe('not-applicable');
    const system = await get('/v1/entities/system/default/shop/rollup');
    expect(system.status).toBe(200);
    // Its own status says nothing, but a member could not be read at all (a template outside
    // the allowed roots) and another fails: the system shows the worst of them.
    expect(system.body).toMatchObject({
      entityRef: 'system:default/shop',
      status: 'error',
      ownStatus: 'not-applicable',
      members: { error: 1 },
    });
    expect(system.body.members.fail).toBeGreaterThanOrEqual(1);
    expect(
      Object.values(system.body.members as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      ),
    ).toBe(5);
    expect(system.body.drStatus).toBe('breached');

    // The owning group rolls up what it owns, the system included.
    const group = await get('/v1/entities/group/default/team-a/rollup');
    expect(group.body).toMatchObject({ status: 'error' });
    expect(
      Object.values(group.body.members as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      ),
    ).toBe(6);

    // A component has no parts: no roll-up.
    expect(
      (await get('/v1/entities/component/default/api/rollup')).status,
    ).toBe(404);
    await backend.stop();
  });
});

import { Entity } from '@backstage/catalog-model';
import path from 'path';
import request from 'supertest';
import { FleetSnapshots } from './store/FleetSnapshots';
import { testEntities } from './testEntities';
import {
  createTestDatabases,
  migratedDatabase,
} from './__testUtils__/createTestDatabases';
import { startComplianceBackend } from './__testUtils__/startComplianceBackend';

jest.setTimeout(90_000);

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

/** Databases of three owners, some conforming, some not, so scores and statuses vary. */
function resources(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const owner = `group:default/team-${i % 3}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `db-${String(i).padStart(3, '0')}`,
        namespace: 'default',
        annotations: {
          'refarch.dev/tier': i % 2 ? 'standard' : 'critical',
          'refarch.dev/declared.storage-encrypted': String(i % 3 !== 0),
          ...(i % 4 ? { 'refarch.dev/declared.multi-az': 'true' } : {}),
          ...(i % 5 ? { 'refarch.dev/declared.backup-retention': '35d' } : {}),
        },
      },
      spec: { type: 'database', owner },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    };
  });
}

describe.each(databases.eachSupportedId())('the fleet list on %s', id => {
  it('pages by cursor through every sort exactly as one big page orders it, and refuses foreign cursors', async () => {
    const knex = await databases.init(id);
    const backend = await startComplianceBackend({
      entities: [...testEntities(fixtures), ...resources(60)],
      knex,
      config: { compliance: { iac: { allowedRoots: [fixtures] } } },
    });
    const get = (p: string) =>
      request(backend.server).get(`/api/compliance/v1${p}`);
    try {
      await backend.evaluate();
      for (const orderBy of ['score', 'name', 'evaluatedAt']) {
        const all = await get(`/assessments?limit=500&orderBy=${orderBy}`);
        expect(all.status).toBe(200);
        const total = all.body.totalCount;
        expect(total).toBeGreaterThan(60);
        expect(all.body.items).toHaveLength(total);

        const paged: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const res = await get(
            `/assessments?limit=7&orderBy=${orderBy}${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          );
          expect(res.status).toBe(200);
          // The total comes with the first page; a cursor page skips the count.
          expect(res.body.totalCount).toBe(cursor ? undefined : total);
          paged.push(...res.body.items.map((i: any) => i.entityRef));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor && pages < 100);
        expect(paged).toEqual(all.body.items.map((i: any) => i.entityRef));

        // Offsets still work and agree with the cursor pages.
        const third = await get(
          `/assessments?limit=7&offset=14&orderBy=${orderBy}`,
        );
        expect(third.body.items.map((i: any) => i.entityRef)).toEqual(
          paged.slice(14, 21),
        );
      }

      // Filters apply to cursor pages as to the first one.
      const owner = encodeURIComponent('group:default/team-1');
      const first = await get(
        `/assessments?limit=5&orderBy=name&owner=${owner}`,
      );
      const next = await get(
        `/assessments?limit=50&orderBy=name&owner=${owner}&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      );
      expect(
        [...first.body.items, ...next.body.items].map((i: any) => i.owner),
      ).toEqual(Array(first.body.totalCount).fill('group:default/team-1'));

      const score = await get('/assessments?limit=5&orderBy=score');
      const wrongSort = await get(
        `/assessments?limit=5&orderBy=name&cursor=${score.body.nextCursor}`,
      );
      expect(wrongSort.status).toBe(400);
      expect(wrongSort.body.error.message).toMatch(
        /cursor belongs to orderBy=score, not orderBy=name/,
      );
      const forged = await get('/assessments?limit=5&cursor=bm90LWEtY3Vyc29y');
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toMatch(
        /cursor is not a cursor returned by this API/,
      );
      const both = await get(
        `/assessments?limit=5&offset=5&cursor=${score.body.nextCursor}`,
      );
      expect(both.status).toBe(400);
      expect(both.body.error.message).toMatch(/cannot be combined/);

      // The fleet-wide aggregates (a snapshot) equal the same aggregates computed on request
      // (a filter that selects every kind is computed, not read from the snapshot).
      const everyKind = 'kind=Component&kind=Resource&kind=System';
      for (const groupBy of ['owner', 'kind', 'control']) {
        const snapshot = await get(`/aggregates?groupBy=${groupBy}`);
        const computed = await get(
          `/aggregates?groupBy=${groupBy}&${everyKind}`,
        );
        expect(snapshot.status).toBe(200);
        expect(snapshot.body.groups.length).toBeGreaterThan(0);
        expect(snapshot.body.groups).toEqual(computed.body.groups);
      }
    } finally {
      await backend.stop();
    }
  });

  it('serves a snapshot only while no write happened since it was computed', async () => {
    const knex = await migratedDatabase(databases, id);
    const snapshots = new FleetSnapshots(knex);
    expect(await snapshots.read('n', async () => 1)).toBe(1);
    expect(await snapshots.read('n', async () => 2)).toBe(1);
    await snapshots.bump();
    expect(await snapshots.read('n', async () => 3)).toBe(3);
    expect(await snapshots.refresh('n', async () => 4)).toBe(4);
    expect(await snapshots.read('n', async () => 5)).toBe(4);
    // End of a pass: only what a write made stale is recomputed.
    expect(await snapshots.refreshIfStale('n', async () => 6)).toBe(false);
    expect(await snapshots.read('n', async () => 7)).toBe(4);
    await snapshots.bump();
    expect(await snapshots.refreshIfStale('n', async () => 8)).toBe(true);
    expect(await snapshots.read('n', async () => 9)).toBe(8);
    expect(await snapshots.refreshIfStale('m', async () => 10)).toBe(true);
    expect(await snapshots.read('m', async () => 11)).toBe(10);
  });
});

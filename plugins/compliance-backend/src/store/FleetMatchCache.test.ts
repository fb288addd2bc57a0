import { Entity } from '@backstage/catalog-model';
import path from 'path';
import { AssessmentStore } from './AssessmentStore';
import { FleetMatchCache } from './FleetMatchCache';
import { FleetSnapshots } from './FleetSnapshots';
import { VersionedLru } from './VersionedLru';
import { FleetFilter } from './types';
import { testEntities } from '../testEntities';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { startComplianceBackend } from '../__testUtils__/startComplianceBackend';
import { setStoredControl } from '../__testUtils__/storedControls';

jest.setTimeout(90_000);

const fixtures = path.resolve(__dirname, '../__fixtures__');
const databases = createTestDatabases();

/** Databases of two frameworks, some conforming, some not, so statuses and scores vary. */
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
          'refarch.dev/frameworks': i % 2 ? 'soc2,gdpr' : 'pci-dss',
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

describe('FleetMatchCache', () => {
  it('evicts the least recently used filter and forgets a filter at another version', () => {
    const cache = new FleetMatchCache({ maxEntries: 2, maxMatches: 3 });
    cache.set('a', 1, ['x']);
    cache.set('b', 1, ['y']);
    expect(cache.get('a', 1)?.refs).toEqual(['x']);
    cache.set('c', 1, ['z']);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)?.positions.get('x')).toBe(0);
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.get('a', 1)).toBeUndefined();
    const many = cache.set('d', 1, ['1', '2', '3', '4']);
    expect(many.kept).toBe(false);
    expect(cache.get('d', 1)).toEqual({
      version: 1,
      kept: false,
      refs: [],
      positions: new Map(),
    });
  });
});

describe.each(databases.eachSupportedId())(
  'framework and control pages from kept matches, and filtered totals, on %s',
  id => {
    it('are the pages, totals and cursors of the keyset query, and follow writes', async () => {
      const knex = await databases.init(id);
      const backend = await startComplianceBackend({
        entities: [...testEntities(fixtures), ...resources(30)],
        knex,
        config: { compliance: { iac: { allowedRoots: [fixtures] } } },
      });
      try {
        await backend.evaluate();
        const cached = AssessmentStore.create({ knex });
        // Never keeps matches: every page is the keyset query.
        const keyset = AssessmentStore.create({
          knex,
          matches: new FleetMatchCache({ maxEntries: 1, maxMatches: 0 }),
        });
        const [control] = (await keyset.aggregates.byControl()).filter(
          c => c.fail >= 3,
        );
        const counted: Array<{ framework: string }> = await knex
          .select('framework')
          .from('compliance_entity_frameworks')
          .groupBy('framework')
          .orderByRaw('count(*) desc');
        const { framework } = counted[0];
        const filters: FleetFilter[] = [
          { control: control.controlId },
          { control: control.controlId, controlStatus: ['fail', 'pass'] },
          { framework: [framework] },
          { framework: [framework], status: ['fail', 'unknown'] },
        ];
        const pages = async (
          store: AssessmentStore,
          filter: FleetFilter,
          orderBy: string,
        ) => {
          const out = [];
          let cursor: string | undefined;
          do {
            const page = await store.fleet.list(filter, {
              limit: 2,
              orderBy,
              cursor,
            });
            out.push(page);
            cursor = page.nextCursor;
          } while (cursor && out.length < 100);
          return out;
        };
        for (const filter of filters)
          for (const orderBy of ['score', 'name', 'evaluatedAt']) {
            const expected = await pages(keyset, filter, orderBy);
            expect(expected[0].totalCount).toBeGreaterThan(1);
            expect(await pages(cached, filter, orderBy)).toEqual(expected);
            // Served from the kept matches the second time: still the same.
            expect(await pages(cached, filter, orderBy)).toEqual(expected);
            expect(
              await cached.fleet.list(filter, { limit: 2, offset: 1, orderBy }),
            ).toEqual(
              await keyset.fleet.list(filter, { limit: 2, offset: 1, orderBy }),
            );
          }

        // A write (here: one entity passes the control now) changes the next page.
        const filter = { control: control.controlId };
        const before = await cached.fleet.list(filter, { limit: 50 });
        const fixed = before.items[0].entityRef;
        await setStoredControl(knex, fixed, control.controlId, 'pass');
        await new FleetSnapshots(knex).bump();
        const after = await cached.fleet.list(filter, { limit: 50 });
        expect(after.totalCount).toBe(before.totalCount! - 1);
        expect(after.items.map(i => i.entityRef)).not.toContain(fixed);
        expect(after).toEqual(await keyset.fleet.list(filter, { limit: 50 }));

        // The total of another filter is counted once per write version, and again after one.
        const owner = { owner: ['group:default/team-1'] };
        const owned = (await cached.fleet.list(owner, { limit: 1 }))
          .totalCount!;
        expect(owned).toBeGreaterThan(1);
        expect((await cached.fleet.list(owner, { limit: 1 })).totalCount).toBe(
          owned,
        );
        await knex('compliance_assessments')
          .where({
            entity_ref: (
              await cached.fleet.list(owner, { limit: 1 })
            ).items[0].entityRef,
          })
          .update({ owner: 'group:default/team-2' });
        await new FleetSnapshots(knex).bump();
        expect((await cached.fleet.list(owner, { limit: 1 })).totalCount).toBe(
          owned - 1,
        );
      } finally {
        await backend.stop();
      }
    });
  },
);

describe('VersionedLru', () => {
  it('serves a value only at the version it was computed at, and keeps the most recent keys', () => {
    const lru = new VersionedLru<number>(2);
    lru.set('a', 1, 10);
    lru.set('b', 1, 20);
    expect(lru.get('a', 1)).toBe(10);
    lru.set('c', 1, 30);
    expect(lru.get('b', 1)).toBeUndefined();
    expect(lru.get('c', 1)).toBe(30);
    expect(lru.get('a', 2)).toBeUndefined();
    expect(lru.get('a', 1)).toBeUndefined();
  });
});

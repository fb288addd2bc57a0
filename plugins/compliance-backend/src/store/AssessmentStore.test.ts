import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { evaluatedDatabase } from '../__testUtils__/evaluatedDatabase';
import { storedControls } from '../__testUtils__/storedControls';
import { AssessmentStore } from './AssessmentStore';
import { toStorable } from './toStorable';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A critical database, multi-AZ or not (DR-01 fails without it), under SOC 2 (and GDPR when not). */
const database = (name: string, multiAz: boolean) =>
  evaluatedDatabase(name, multiAz, multiAz ? 'soc2' : 'soc2, gdpr');

const meta = (name: string) => ({
  kind: 'resource',
  namespace: 'default',
  name,
  type: 'database',
});

/**
 * Issue 19: a save deletes framework rows only of entities stored before (a first
 * pass has none to delete); an entity saved again has its rows replaced, not added to.
 */
describe.each(databases.eachSupportedId())('AssessmentStore.save on %s', id => {
  it('replaces the stored results and the per-framework rows of an entity saved again, beside a new one', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = AssessmentStore.create({ knex });
    const rows = async (table: string, ref: string, column: string) =>
      (await knex(table).where({ entity_ref: ref }).select(column, 'status'))
        .map(r => `${r[column]}=${r.status}`)
        .sort();

    const before = database('orders-db', false);
    const firstChanges = await store.save([
      { stored: toStorable(before), meta: meta('orders-db') },
    ]);
    expect(firstChanges).toHaveLength(1);
    const ref = 'resource:default/orders-db';
    const firstResults = await storedControls(knex, ref);
    expect(firstResults).toEqual(
      before.results
        .filter(r => r.status !== 'not-applicable')
        .map(r => `${r.controlId}=${r.status}`)
        .sort(),
    );
    expect(firstResults).toContain('DR-01=fail');
    expect(
      await rows('compliance_entity_frameworks', ref, 'framework'),
    ).toEqual(
      Object.entries(before.frameworks)
        .map(([f, s]) => `${f}=${s!.status}`)
        .sort(),
    );

    // Saved again with other results (and one framework fewer), beside a new entity.
    const after = database('orders-db', true);
    const other = database('billing-db', false);
    await store.save([
      { stored: toStorable(after), meta: meta('orders-db') },
      { stored: toStorable(other), meta: meta('billing-db') },
    ]);
    expect(await storedControls(knex, ref)).toEqual(
      after.results
        .filter(r => r.status !== 'not-applicable')
        .map(r => `${r.controlId}=${r.status}`)
        .sort(),
    );
    expect(
      await rows('compliance_entity_frameworks', ref, 'framework'),
    ).toEqual(
      Object.entries(after.frameworks)
        .map(([f, s]) => `${f}=${s!.status}`)
        .sort(),
    );
    expect(await storedControls(knex, ref)).toContain('DR-01=pass');
    expect(Object.keys(after.frameworks)).not.toContain('gdpr');
    expect(await storedControls(knex, 'resource:default/billing-db')).toEqual(
      firstResults,
    );
    await knex.destroy();
  });

  it('two writers saving the same new entity at once (a pass and a re-evaluation) both succeed, the last one stored whole', async () => {
    const knex = await migratedDatabase(databases, id);
    const writers = [
      AssessmentStore.create({ knex }),
      AssessmentStore.create({ knex }),
    ];
    const ref = 'resource:default/orders-db';
    for (let round = 0; round < 5; round++) {
      await knex('compliance_entity_frameworks').delete();
      await knex('compliance_assessments').delete();
      const versions = [
        database('orders-db', false),
        database('orders-db', true),
      ];
      await Promise.all(
        writers.map((w, i) =>
          w.save([
            {
              stored: toStorable(versions[i]),
              meta: meta('orders-db'),
            },
          ]),
        ),
      );
      const stored = await writers[0].get(ref);
      const winner = versions.find(v => v.inputHash === stored!.inputHash)!;
      expect(await storedControls(knex, ref)).toEqual(
        winner.results
          .filter(r => r.status !== 'not-applicable')
          .map(r => `${r.controlId}=${r.status}`)
          .sort(),
      );
    }
    await knex.destroy();
  });
});

describe.each(databases.eachSupportedId())(
  'AssessmentStore.retain on %s',
  id => {
    it('removes the assessments and framework rows of entities not present, across pages of stored refs, and keeps the history', async () => {
      const knex = await migratedDatabase(databases, id);
      const store = AssessmentStore.create({ knex });
      const names = Array.from({ length: 23 }, (_, i) => `db-${i}`);
      await store.save(
        names.map((name, i) => ({
          stored: toStorable(database(name, i % 2 === 0)),
          meta: meta(name),
        })),
      );
      const ref = (name: string) => `resource:default/${name}`;
      // Gone: the first and the last stored (page edges), and a run across a page boundary.
      const gone = new Set(['db-0', 'db-3', 'db-4', 'db-5', 'db-9'].map(ref));
      const present = new Set(names.map(ref).filter(r => !gone.has(r)));
      const refsOf = async (table: string) =>
        [
          ...new Set(
            (await knex(table).select('entity_ref')).map(r => r.entity_ref),
          ),
        ].sort();

      // Pages of 4 stored refs (23 stored: 6 pages, the last one short).
      expect(await store.retain(present, 4)).toBe(5);
      expect(await refsOf('compliance_assessments')).toEqual(
        [...present].sort(),
      );
      expect(await refsOf('compliance_entity_frameworks')).toEqual(
        [...present].sort(),
      );
      expect(await refsOf('compliance_history')).toEqual(names.map(ref).sort());
      // Nothing else gone: nothing removed, also with a page the size of the table.
      expect(await store.retain(present, 18)).toBe(0);
      expect(await refsOf('compliance_assessments')).toHaveLength(18);
      // Everything gone.
      expect(await store.retain(new Set(), 7)).toBe(18);
      expect(await refsOf('compliance_assessments')).toEqual([]);
    });
  },
);

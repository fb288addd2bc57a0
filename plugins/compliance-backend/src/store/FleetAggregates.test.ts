import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { evaluatedDatabase } from '../__testUtils__/evaluatedDatabase';
import { AssessmentStore } from './AssessmentStore';
import { FleetMatchCache } from './FleetMatchCache';
import { toStorable } from './toStorable';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/**
 * Issue 19: the results that apply are one column of the assessment's row (controlResults).
 * The aggregates per control and the control filter read it on each database, and give what
 * the assessments themselves say.
 */
describe.each(databases.eachSupportedId())(
  'control results stored on %s',
  id => {
    it('are counted per control and filtered by control and status, as the assessments say', async () => {
      const knex = await migratedDatabase(databases, id);
      // A cache that keeps nothing: every list below is read from the database.
      const store = AssessmentStore.create({
        knex,
        matches: new FleetMatchCache({ maxEntries: 1, maxMatches: 0 }),
      });
      const assessments = [
        evaluatedDatabase('a-db', false),
        evaluatedDatabase('b-db', true),
        evaluatedDatabase('c-db', false, 'soc2'),
      ];
      await store.save(
        assessments.map((a, i) => ({
          stored: toStorable(a),
          meta: {
            kind: 'resource',
            namespace: 'default',
            name: a.entityRef.split('/')[1],
            owner: i === 1 ? 'group:default/b-team' : 'group:default/a-team',
          },
        })),
      );
      const expected = (of: typeof assessments) => {
        const counts = new Map<string, Record<string, number>>();
        for (const a of of)
          for (const r of a.results) {
            if (r.status === 'not-applicable') continue;
            const c = counts.get(r.controlId) ?? {
              pass: 0,
              fail: 0,
              waived: 0,
              unknown: 0,
              warn: 0,
            };
            c[r.status]++;
            counts.set(r.controlId, c);
          }
        return [...counts]
          .sort(([x], [y]) => (x < y ? -1 : 1))
          .map(([controlId, c]) => ({ controlId, ...c }));
      };
      const all = await store.aggregates.byControl();
      expect(all).toEqual(expected(assessments));
      expect(all.find(c => c.controlId === 'DR-01')).toMatchObject({
        pass: 1,
        fail: 2,
      });
      // Filtered (computed, not the snapshot): a-team's two assessments only.
      expect(
        await store.aggregates.byControl({ owner: ['group:default/a-team'] }),
      ).toEqual(expected([assessments[0], assessments[2]]));

      const refs = async (filter: object) =>
        (await store.fleet.list(filter, { limit: 50, orderBy: 'name' })).items
          .map(i => i.entityRef)
          .sort();
      expect(await refs({ control: 'DR-01' })).toEqual([
        'resource:default/a-db',
        'resource:default/c-db',
      ]);
      expect(await refs({ control: 'DR-01', controlStatus: ['pass'] })).toEqual(
        ['resource:default/b-db'],
      );
      expect(
        await refs({ control: 'DR-01', controlStatus: ['pass', 'fail'] }),
      ).toHaveLength(3);
      expect(await refs({ control: 'NO-SUCH-CONTROL' })).toEqual([]);
      await knex.destroy();
    });
  },
);

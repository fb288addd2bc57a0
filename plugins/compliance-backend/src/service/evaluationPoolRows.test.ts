import { ConfigReader } from '@backstage/config';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import { Knex } from 'knex';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import {
  documentedCatalogDir,
  documentedCatalogRunner,
} from '../__testUtils__/documentedCatalogRunner';
import { allStoredControls } from '../__testUtils__/storedControls';
import { isPostgres } from '../store/isPostgres';
import { createEvaluationPool } from './EvaluationPool';

// Worker threads load the TypeScript sources through the transform: slow on a loaded machine.
jest.setTimeout(300_000);

const databases = createTestDatabases();

/** Every stored row of an assessment, its results and its frameworks, in one order. */
async function storedRows(knex: Knex) {
  return {
    assessments: await knex('compliance_assessments').orderBy('entity_ref'),
    results: await allStoredControls(knex),
    frameworks: await knex('compliance_entity_frameworks')
      .select('entity_ref', 'framework', 'status')
      .orderBy(['entity_ref', 'framework']),
  };
}

/**
 * Issue 19: an evaluation worker posts back the assessment in the form the store writes
 * (toStorable), built in the worker. What it stores must be what evaluating on the
 * backend's thread stores, row for row.
 */
describe.each(databases.eachSupportedId())(
  'assessments evaluated in the worker pool on %s',
  id => {
    it('are stored exactly as those evaluated on the thread', async () => {
      const knex = await migratedDatabase(databases, id);
      const onThreadRunner = documentedCatalogRunner(knex);
      await onThreadRunner.evidence.add({
        entityRef: 'system:default/dta-wide-production',
        kind: 'dr-drill',
        performedAt: '2026-11-01T00:00:00.000Z',
        result: 'pass',
        summary: 'Region failover drill',
        recordedBy: 'user:default/ops',
      });
      const pool = createEvaluationPool({
        config: new ConfigReader({
          compliance: { iac: { allowedRoots: [documentedCatalogDir] } },
        }),
        policy: defaultPolicy,
        urlReader: {} as any,
        logger: onThreadRunner.logger,
      });
      expect(pool).toBeDefined();
      try {
        const onThread = await onThreadRunner.runner.runPass();
        expect(onThread.failed).toBe(0);
        expect(onThread.evaluated).toBeGreaterThan(50);
        const before = await storedRows(knex);
        expect(before.assessments).toHaveLength(onThread.evaluated);
        expect(before.results.length).toBeGreaterThan(onThread.evaluated);

        // Forced: every entity evaluated again (those with a template in the worker, the
        // others on the pass's thread, as the pool is used), and all of it rewritten
        // (what is compared below was emptied first, so it is what the pool wrote).
        await knex('compliance_entity_frameworks').delete();
        await knex('compliance_assessments').update({
          body: '{}',
          skeleton_id: null,
          input_hash: 'none',
          controls: isPostgres(knex) ? [] : '[]',
        });
        const inPool = await documentedCatalogRunner(knex, pool).runner.runPass(
          {
            force: true,
          },
        );
        expect(inPool).toMatchObject({
          evaluated: onThread.evaluated,
          failed: 0,
        });
        expect(await storedRows(knex)).toEqual(before);
      } finally {
        await pool!.close();
      }
    });
  },
);

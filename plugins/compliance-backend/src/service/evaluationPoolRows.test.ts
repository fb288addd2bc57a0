import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import { Knex } from 'knex';
import path from 'path';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { loadCatalogFiles } from '../loadCatalogFiles';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';
import { createEvaluationPool } from './EvaluationPool';
import { EvaluationRunner } from './EvaluationRunner';
import { IacReader } from './IacReader';

// Worker threads load the TypeScript sources through the transform: slow on a loaded machine.
jest.setTimeout(300_000);

const databases = createTestDatabases();
const catalogDir = path.resolve(__dirname, '../../../../catalog');

/** Every stored row of an assessment, its results and its frameworks, in one order. */
async function storedRows(knex: Knex) {
  return {
    assessments: await knex('compliance_assessments').orderBy('entity_ref'),
    results: await knex('compliance_results')
      .select('entity_ref', 'control_id', 'status', 'severity')
      .orderBy(['entity_ref', 'control_id']),
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
      const entities = loadCatalogFiles(catalogDir);
      const logger = mockServices.logger.mock();
      const evidence = EvidenceStore.create({ knex });
      await evidence.add({
        entityRef: 'system:default/dta-wide-production',
        kind: 'dr-drill',
        performedAt: '2026-11-01T00:00:00.000Z',
        result: 'pass',
        summary: 'Region failover drill',
        recordedBy: 'user:default/ops',
      });
      const pool = createEvaluationPool({
        config: new ConfigReader({
          compliance: { iac: { allowedRoots: [catalogDir] } },
        }),
        policy: defaultPolicy,
        urlReader: {} as any,
        logger,
      });
      expect(pool).toBeDefined();
      const runner = (withPool: boolean) =>
        new EvaluationRunner({
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
          logger,
          assessments: AssessmentStore.create({ knex }),
          evidence,
          waivers: WaiverStore.create({ knex }),
          iac: IacReader.create({
            urlReader: {} as any,
            logger,
            allowedRoots: [catalogDir],
          }),
          pool: withPool ? pool : undefined,
          policy: defaultPolicy,
          clock: () => new Date('2026-12-07T10:00:00Z'),
        });
      try {
        const onThread = await runner(false).runPass();
        expect(onThread.failed).toBe(0);
        expect(onThread.evaluated).toBeGreaterThan(50);
        const before = await storedRows(knex);
        expect(before.assessments).toHaveLength(onThread.evaluated);
        expect(before.results.length).toBeGreaterThan(onThread.evaluated);

        // Forced: every entity evaluated again, in the worker, and all of it rewritten
        // (what is compared below was emptied first, so it is what the pool wrote).
        await knex('compliance_results').delete();
        await knex('compliance_entity_frameworks').delete();
        await knex('compliance_assessments').update({
          body: '{}',
          skeleton_id: null,
          input_hash: 'none',
        });
        const inPool = await runner(true).runPass({ force: true });
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

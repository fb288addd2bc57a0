import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import { Knex } from 'knex';
import path from 'path';
import { loadCatalogFiles } from '../loadCatalogFiles';
import { EvaluationPool } from '../service/EvaluationPool';
import { EvaluationRunner } from '../service/EvaluationRunner';
import { IacReader } from '../service/IacReader';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';

/** The repository's catalog: the five documented architectures. */
export const documentedCatalogDir = path.resolve(
  __dirname,
  '../../../../catalog',
);

/**
 * A runner over the five documented architectures on `knex`, with the default policy, its
 * stores, and a clock at 2026-12-07 10:00 UTC; evaluating in `pool` when given.
 */
export function documentedCatalogRunner(knex: Knex, pool?: EvaluationPool) {
  const entities = loadCatalogFiles(documentedCatalogDir);
  const logger = mockServices.logger.mock();
  const assessments = AssessmentStore.create({ knex });
  const evidence = EvidenceStore.create({ knex });
  const waivers = WaiverStore.create({ knex });
  const runner = new EvaluationRunner({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
    assessments,
    evidence,
    waivers,
    iac: IacReader.create({
      urlReader: {} as any,
      logger,
      allowedRoots: [documentedCatalogDir],
    }),
    pool,
    policy: defaultPolicy,
    clock: () => new Date('2026-12-07T10:00:00Z'),
  });
  return { runner, entities, logger, assessments, evidence, waivers };
}

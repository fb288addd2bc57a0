import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Policy } from '@refarch/backstage-plugin-compliance-common';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { RollUpStore } from '../store/RollUpStore';
import { WaiverStore } from '../store/WaiverStore';
import { CatalogAccess } from './CatalogAccess';
import { ComplianceService } from './ComplianceService';
import { EvaluationRunner } from './EvaluationRunner';
import { EvidenceService } from './EvidenceService';
import { Reevaluation } from './Reevaluation';
import { WaiverRequestNotifier } from './WaiverRequestNotifier';
import { WaiverService } from './WaiverService';

/** What the REST API's services are built from. @internal */
export interface ComplianceServiceDeps {
  catalog: CatalogService;
  permissions: PermissionsService;
  assessments: AssessmentStore;
  rollUps: RollUpStore;
  evidence: EvidenceStore;
  waivers: WaiverStore;
  runner: EvaluationRunner;
  policy: Policy;
  /** Tells the tech leads about each new request; omitted in benchmarks. */
  waiverRequests?: WaiverRequestNotifier;
  logger?: LoggerService;
  clock?: () => Date;
  /** Overrides how long a write waits for the entity's re-evaluation (tests). */
  evaluationWaitMs?: number;
}

/** The REST API's services, as the router takes them. @internal */
export interface ComplianceServices {
  service: ComplianceService;
  evidence: EvidenceService;
  waivers: WaiverService;
}

/**
 * The REST API's services over one {@link CatalogAccess}: reads, evidence and waivers.
 *
 * @internal
 */
export function createComplianceServices(
  deps: ComplianceServiceDeps,
): ComplianceServices {
  const access = new CatalogAccess(deps);
  const reevaluation = new Reevaluation({
    runner: deps.runner,
    logger: deps.logger,
    waitMs: deps.evaluationWaitMs,
  });
  return {
    service: new ComplianceService({ ...deps, access }),
    evidence: new EvidenceService({
      access,
      evidence: deps.evidence,
      reevaluation,
      clock: deps.clock,
    }),
    waivers: new WaiverService({ ...deps, access, reevaluation }),
  };
}

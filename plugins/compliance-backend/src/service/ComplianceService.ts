import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  EvidenceKind,
  Policy,
  complianceEvidenceCreatePermission,
  complianceWaiverApprovePermission,
  complianceWaiverRequestPermission,
} from '@refarch/backstage-plugin-compliance-common';
import { AssessmentStore } from '../store/AssessmentStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';
import { EvidenceRecord, FleetFilter, WaiverRecord } from '../store/types';
import { EvaluationRunner } from './EvaluationRunner';

const MAX_WAIVER_DAYS = 365;

/** Who is acting, for records and four-eyes checks. @internal */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.type === 'user'
    ? p.userEntityRef!
    : `service:${p.subject ?? 'unknown'}`;
}

/**
 * What the REST API does, with its authorization: reading follows catalog read access,
 * evidence and waivers go through the compliance permissions, and nobody approves their
 * own waiver.
 *
 * @public
 */
export class ComplianceService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      assessments: AssessmentStore;
      evidence: EvidenceStore;
      waivers: WaiverStore;
      runner: EvaluationRunner;
      policy: Policy;
      clock?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  /** The entity as the caller sees it; NotFound when it does not exist or they may not read it. */
  async visibleEntityRef(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const entity = await this.deps.catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return stringifyEntityRef(entity);
  }

  private async authorize(
    permission: BasicPermission | ResourcePermission,
    credentials: BackstageCredentials,
    resourceRef?: string,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.name}${
          resourceRef ? ` on ${resourceRef}` : ''
        }`,
      );
    }
  }

  /** The stored assessment as JSON text: the hot path serves it without re-encoding. */
  async assessmentJson(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const visible = await this.visibleEntityRef(ref, credentials);
    const json = await this.deps.assessments.getJson(visible);
    if (!json)
      throw new NotFoundError(
        `${visible} has not been assessed yet; assessments run on a schedule after catalog changes`,
      );
    return json;
  }

  async history(ref: string, credentials: BackstageCredentials) {
    return this.deps.assessments.history(
      await this.visibleEntityRef(ref, credentials),
    );
  }

  /** The fleet: anyone who may read the catalog sees the list; conditional read access filters the page. */
  async list(
    filter: FleetFilter,
    page: { limit: number; offset: number; orderBy?: string },
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY)
      throw new NotAllowedError('You may not read the catalog');
    const result = await this.deps.assessments.list(filter, page);
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: result.items.map(i => i.entityRef),
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      const visible = new Set(
        items.filter(Boolean).map(e => stringifyEntityRef(e!)),
      );
      return {
        items: result.items.filter(i => visible.has(i.entityRef)),
        totalCount: result.totalCount,
      };
    }
    return result;
  }

  async evidence(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<EvidenceRecord[]> {
    return this.deps.evidence.list(
      await this.visibleEntityRef(ref, credentials),
    );
  }

  async addEvidence(
    ref: string,
    input: {
      kind: EvidenceKind;
      performedAt: string;
      result: 'pass' | 'fail';
      summary: string;
      link?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<EvidenceRecord> {
    const entityRef = await this.visibleEntityRef(ref, credentials);
    await this.authorize(
      complianceEvidenceCreatePermission,
      credentials,
      entityRef,
    );
    const performed = Date.parse(input.performedAt);
    if (performed > this.now().getTime() + 5 * 60_000)
      throw new InputError(`performedAt ${input.performedAt} is in the future`);
    const record = await this.deps.evidence.add(
      { ...input, entityRef, recordedBy: actorOf(credentials) },
      this.now(),
    );
    await this.deps.runner.evaluateOne(entityRef);
    return record;
  }

  async listWaivers(
    filter: { entityRef?: string; status?: WaiverRecord['status'][] },
    credentials: BackstageCredentials,
  ) {
    if (filter.entityRef)
      filter.entityRef = await this.visibleEntityRef(
        filter.entityRef,
        credentials,
      );
    return this.deps.waivers.list(filter, this.now());
  }

  async requestWaiver(
    input: {
      entityRef: string;
      controlId: string;
      justification: string;
      expiresAt: string;
    },
    credentials: BackstageCredentials,
  ) {
    const entityRef = await this.visibleEntityRef(input.entityRef, credentials);
    if (!this.deps.policy.controls.some(c => c.id === input.controlId)) {
      throw new InputError(
        `Unknown control ${input.controlId}; see GET /v1/policy for the controls`,
      );
    }
    const expires = Date.parse(input.expiresAt);
    const now = this.now().getTime();
    if (expires <= now)
      throw new InputError(`expiresAt ${input.expiresAt} is not in the future`);
    if (expires > now + MAX_WAIVER_DAYS * 86400_000)
      throw new InputError(`A waiver may last at most ${MAX_WAIVER_DAYS} days`);
    await this.authorize(
      complianceWaiverRequestPermission,
      credentials,
      entityRef,
    );
    return this.deps.waivers.request(
      { ...input, entityRef, requestedBy: actorOf(credentials) },
      this.now(),
    );
  }

  async decideWaiver(
    id: string,
    decision: 'approve' | 'reject' | 'revoke',
    comment: string | undefined,
    credentials: BackstageCredentials,
  ) {
    const waiver = await this.deps.waivers.get(id, this.now());
    await this.visibleEntityRef(waiver.entityRef, credentials);
    await this.authorize(
      complianceWaiverApprovePermission,
      credentials,
      waiver.entityRef,
    );
    const actor = actorOf(credentials);
    if (decision === 'approve' && actor === waiver.requestedBy) {
      throw new NotAllowedError(
        'You requested this waiver; another tech lead must approve it (four eyes)',
      );
    }
    if (decision !== 'approve' && !comment?.trim()) {
      throw new InputError(`A comment is required to ${decision} a waiver`);
    }
    const [from, to] =
      decision === 'revoke'
        ? (['approved', 'revoked'] as const)
        : ([
            'pending',
            decision === 'approve' ? 'approved' : 'rejected',
          ] as const);
    const decided = await this.deps.waivers.decide(
      id,
      from,
      to,
      actor,
      comment,
      this.now(),
    );
    await this.deps.runner.evaluateOne(waiver.entityRef);
    return decided;
  }
}

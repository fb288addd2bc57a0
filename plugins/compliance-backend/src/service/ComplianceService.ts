import {
  BackstageCredentials,
  LoggerService,
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
  DrMatrix,
  DrMatrixFilter,
  EvidenceKind,
  Policy,
  complianceEvidenceCreatePermission,
  complianceWaiverApprovePermission,
  complianceWaiverRequestPermission,
} from '@refarch/backstage-plugin-compliance-common';
import { AssessmentStore } from '../store/AssessmentStore';
import { RollUpStore } from '../store/RollUpStore';
import { EvidenceStore } from '../store/EvidenceStore';
import { WaiverStore } from '../store/WaiverStore';
import { EvidenceRecord, FleetFilter, WaiverRecord } from '../store/types';
import { buildDrMatrix } from './drMatrix';
import { EvaluationRunner } from './EvaluationRunner';
import { waiverQueueItems } from './waiverQueue';
import { WaiverRequestNotifier } from './WaiverRequestNotifier';
import {
  assessedEntityRef,
  dateTimeInput,
  entityRefInput,
  linkInput,
} from './inputChecks';

const MAX_WAIVER_DAYS = 365;
/** How long an evidence POST waits for the re-evaluation before it answers anyway. */
const EVIDENCE_EVALUATION_WAIT_MS = 5_000;

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

const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type?: string }).type === 'user';

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
      rollUps: RollUpStore;
      evidence: EvidenceStore;
      waivers: WaiverStore;
      runner: EvaluationRunner;
      policy: Policy;
      /** Tells the tech leads about each new request; omitted in benchmarks. */
      waiverRequests?: WaiverRequestNotifier;
      logger?: LoggerService;
      clock?: () => Date;
      /** Overrides how long an evidence POST waits for the re-evaluation (tests). */
      evaluationWaitMs?: number;
    },
  ) {}

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  /**
   * Whether the caller may read the catalog at all: 403 for a caller denied
   * `catalog.entity.read` (a service token restricted to other permissions); `conditional`
   * when only some entities are visible to them.
   */
  private async readAccess(
    credentials: BackstageCredentials,
  ): Promise<'all' | 'conditional'> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY)
      throw new NotAllowedError('You may not read the catalog');
    return decision.result === AuthorizeResult.CONDITIONAL
      ? 'conditional'
      : 'all';
  }

  /** The subset of `refs` the caller may read. */
  private async visibleRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (!unique.length) return new Set();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(items.filter(Boolean).map(e => stringifyEntityRef(e!)));
  }

  /** The entity as the caller sees it; NotFound when it does not exist or they may not read it. */
  async visibleEntityRef(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    // Services are decided locally (their token's restrictions); users by the catalog below.
    if (!isUser(credentials)) await this.readAccess(credentials);
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

  /** The roll-up of a System, Domain or Group the caller may read. */
  async rollUp(ref: string, credentials: BackstageCredentials) {
    const visible = await this.visibleEntityRef(ref, credentials);
    const rollUp = await this.deps.rollUps.get(visible);
    if (!rollUp)
      throw new NotFoundError(
        `${visible} has no roll-up: only Systems, Domains and Groups with assessed members have one, computed at the end of each evaluation pass`,
      );
    return rollUp;
  }

  /** How the roll-up of a System, Domain or Group the caller may read changed, newest first. */
  async rollUpHistory(ref: string, credentials: BackstageCredentials) {
    return this.deps.rollUps.history(
      await this.visibleEntityRef(ref, credentials),
    );
  }

  async history(ref: string, credentials: BackstageCredentials) {
    return this.deps.assessments.history(
      await this.visibleEntityRef(ref, credentials),
    );
  }

  /** The fleet: anyone who may read the catalog sees the list; conditional read access filters the page. */
  async list(
    filter: FleetFilter,
    page: { limit: number; offset?: number; orderBy?: string; cursor?: string },
    credentials: BackstageCredentials,
  ) {
    const access = await this.readAccess(credentials);
    const result = await this.deps.assessments.list(filter, page);
    if (access === 'conditional') {
      const visible = await this.visibleRefs(
        result.items.map(i => i.entityRef),
        credentials,
      );
      return {
        ...result,
        items: result.items.filter(i => visible.has(i.entityRef)),
      };
    }
    return result;
  }

  /** Every assessed entity the caller may read, or undefined when they may read all. */
  private async visibleAssessed(
    credentials: BackstageCredentials,
    assessed: () => Promise<string[]> = () =>
      this.deps.assessments.assessedRefs(),
  ): Promise<string[] | undefined> {
    if ((await this.readAccess(credentials)) === 'all') return undefined;
    return [...(await this.visibleRefs(await assessed(), credentials))];
  }

  /** Status counts per owner, system, domain, kind or control, over what the caller may read. */
  async aggregates(
    groupBy: 'owner' | 'system' | 'domain' | 'kind' | 'control',
    filter: FleetFilter,
    credentials: BackstageCredentials,
  ) {
    const visible = await this.visibleAssessed(credentials);
    return groupBy === 'control'
      ? this.deps.assessments.aggregateControls(filter, visible)
      : this.deps.assessments.aggregateBy(groupBy, filter, visible);
  }

  /**
   * The fleet DR matrix: every assessed System the caller may read (as the fleet list: catalog
   * read access, conditional access narrowed to the Systems the catalog shows them, in SQL)
   * with its stored estimate per disruption type.
   */
  async drMatrix(
    filter: DrMatrixFilter,
    credentials: BackstageCredentials,
  ): Promise<DrMatrix> {
    const visible = await this.visibleAssessed(credentials, () =>
      this.deps.assessments.systemRefs(),
    );
    const [systems, owners] = await Promise.all([
      this.deps.assessments.systemsDr(filter.owner, visible),
      this.deps.assessments.systemOwners(visible),
    ]);
    return buildDrMatrix(systems, owners, filter.tier);
  }

  /** The policy in force with per-control counts over what the caller may read. */
  async policyWithCounts(credentials: BackstageCredentials) {
    const visible = await this.visibleAssessed(credentials);
    const counts = new Map(
      (await this.deps.assessments.aggregateControls({}, visible)).map(c => [
        c.controlId,
        c,
      ]),
    );
    const { policy } = this.deps;
    return {
      ...policy,
      controls: policy.controls.map(c => ({
        ...c,
        counts: counts.get(c.id) ?? null,
      })),
    };
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
    idempotencyKey?: string,
  ): Promise<{ record: EvidenceRecord; replayed: boolean }> {
    const checked = assessedEntityRef(ref, 'entity');
    const performed = dateTimeInput(input.performedAt, 'performedAt');
    if (input.link !== undefined) linkInput(input.link, 'link');
    const entityRef = await this.visibleEntityRef(checked, credentials);
    await this.authorize(
      complianceEvidenceCreatePermission,
      credentials,
      entityRef,
    );
    if (performed > this.now().getTime() + 5 * 60_000)
      throw new InputError(`performedAt ${input.performedAt} is in the future`);
    const { record, replayed } = await this.deps.evidence.addOnce(
      { ...input, entityRef, recordedBy: actorOf(credentials) },
      this.now(),
      idempotencyKey,
    );
    if (!replayed) await this.reevaluate(entityRef);
    return { record, replayed };
  }

  /**
   * Re-evaluates after new evidence or a decision without making the answer depend on it: the record is
   * stored already, so a slow or failing evaluation must not turn into a lost response that
   * a client retries (the scheduled pass catches up).
   */
  private async reevaluate(entityRef: string) {
    const evaluation = this.deps.runner.evaluateOne(entityRef).catch(e => {
      this.deps.logger?.warn(
        `Re-evaluating ${entityRef} after new evidence failed: ${String(e)}`,
      );
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      evaluation,
      new Promise(resolve => {
        timer = setTimeout(
          resolve,
          this.deps.evaluationWaitMs ?? EVIDENCE_EVALUATION_WAIT_MS,
        );
      }),
    ]);
    clearTimeout(timer);
  }

  /** Waivers of one entity, or of every entity, as far as the caller may read them. */
  async listWaivers(
    filter: { entityRef?: string; status?: WaiverRecord['status'][] },
    credentials: BackstageCredentials,
  ) {
    if (filter.entityRef !== undefined) {
      const entityRef = await this.visibleEntityRef(
        stringifyEntityRef(entityRefInput(filter.entityRef, 'entityRef')),
        credentials,
      );
      return this.deps.waivers.list({ ...filter, entityRef }, this.now());
    }
    const access = await this.readAccess(credentials);
    const all = await this.deps.waivers.list(filter, this.now());
    if (access === 'all' && !isUser(credentials)) return all;
    // A user's catalog access may hide entities even when the decision is ALLOW for the
    // permission as such; ask the catalog for each entity the waivers name.
    const visible = await this.visibleRefs(
      all.map(w => w.entityRef),
      credentials,
    );
    return all.filter(w => visible.has(w.entityRef));
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
    const checked = assessedEntityRef(input.entityRef, 'entityRef');
    const expires = dateTimeInput(input.expiresAt, 'expiresAt');
    if (!input.justification.trim())
      throw new InputError('justification must not be blank');
    const entityRef = await this.visibleEntityRef(checked, credentials);
    if (!this.deps.policy.controls.some(c => c.id === input.controlId)) {
      throw new InputError(
        `Unknown control ${input.controlId}; see GET /v1/policy for the controls`,
      );
    }
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
    const waiver = await this.deps.waivers.request(
      {
        ...input,
        expiresAt: new Date(expires).toISOString(),
        entityRef,
        requestedBy: actorOf(credentials),
      },
      this.now(),
    );
    await this.deps.waiverRequests?.requested(waiver);
    return waiver;
  }

  /**
   * The tech leads' queue: pending waivers on the entities the caller may read (narrowed in
   * SQL), newest first, each with the entity's status and whether the caller may decide it.
   */
  async waiverQueue(credentials: BackstageCredentials) {
    const visible = await this.visibleAssessed(credentials, () =>
      this.deps.waivers.pendingEntityRefs(),
    );
    const waivers = await this.deps.waivers.pending(visible, this.now());
    const refs = [...new Set(waivers.map(w => w.entityRef))];
    const user = isUser(credentials);
    const decisions =
      user && refs.length
        ? await this.deps.permissions.authorize(
            refs.map(resourceRef => ({
              permission: complianceWaiverApprovePermission,
              resourceRef,
            })),
            { credentials },
          )
        : [];
    return waiverQueueItems({
      waivers,
      summaries: await this.deps.assessments.getSummaries(refs),
      policy: this.deps.policy,
      caller: { actor: actorOf(credentials), isUser: user },
      approvable: new Set(
        refs.filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW),
      ),
    });
  }

  /**
   * A decision is a person's: service principals are refused whatever their token allows
   * (the permission framework allows an unrestricted service everything), and the requester
   * never approves their own waiver. A plugin acting for a user presents that user's
   * credentials (an on-behalf-of token), which are a user principal.
   */
  async decideWaiver(
    id: string,
    decision: 'approve' | 'reject' | 'revoke',
    comment: string | undefined,
    credentials: BackstageCredentials,
  ) {
    if (!isUser(credentials))
      throw new NotAllowedError(
        `Waivers are decided by tech leads signed in as themselves; a service token may not ${decision} a waiver`,
      );
    const waiver = await this.deps.waivers.get(id, this.now());
    await this.visibleEntityRef(waiver.entityRef, credentials);
    await this.authorize(
      complianceWaiverApprovePermission,
      credentials,
      waiver.entityRef,
    );
    const actor = actorOf(credentials);
    if (actor === waiver.requestedBy) {
      throw new NotAllowedError(
        `You requested this waiver; another tech lead must ${decision} it (four eyes)`,
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
    await this.reevaluate(waiver.entityRef);
    return decided;
  }
}

import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DAY,
  Policy,
  complianceWaiverApprovePermission,
  complianceWaiverRequestPermission,
} from '@refarch/backstage-plugin-compliance-common';
import { AssessmentStore } from '../store/AssessmentStore';
import { WaiverStore } from '../store/WaiverStore';
import { WaiverRecord } from '../store/types';
import { CatalogAccess } from './CatalogAccess';
import {
  assessedEntityRef,
  dateTimeInput,
  entityRefInput,
} from './inputChecks';
import { actorOf, isUser } from './principals';
import { Reevaluation } from './Reevaluation';
import { waiverQueueItems } from './waiverQueue';
import { WaiverRequestNotifier } from './WaiverRequestNotifier';

const MAX_WAIVER_DAYS = 365;

/**
 * Waivers: listed as far as the caller may read their entities, requested with
 * `compliance.waiver.request`, decided by another person with `compliance.waiver.approve`
 * (four eyes), each decision re-evaluating the entity.
 *
 * @internal
 */
export class WaiverService {
  constructor(
    private readonly deps: {
      access: CatalogAccess;
      permissions: PermissionsService;
      assessments: AssessmentStore;
      waivers: WaiverStore;
      policy: Policy;
      reevaluation: Reevaluation;
      /** Tells the tech leads about each new request; omitted in benchmarks. */
      waiverRequests?: WaiverRequestNotifier;
      clock?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  /** Waivers of one entity, or of every entity, as far as the caller may read them. */
  async list(
    filter: { entityRef?: string; status?: WaiverRecord['status'][] },
    credentials: BackstageCredentials,
  ) {
    const { access, waivers } = this.deps;
    if (filter.entityRef !== undefined) {
      const entityRef = await access.visibleEntityRef(
        stringifyEntityRef(entityRefInput(filter.entityRef, 'entityRef')),
        credentials,
      );
      return waivers.list({ ...filter, entityRef }, this.now());
    }
    const readAccess = await access.readAccess(credentials);
    const all = await waivers.list(filter, this.now());
    if (readAccess === 'all' && !isUser(credentials)) return all;
    // A user's catalog access may hide entities even when the decision is ALLOW for the
    // permission as such; ask the catalog for each entity the waivers name.
    const visible = await access.visibleRefs(
      all.map(w => w.entityRef),
      credentials,
    );
    return all.filter(w => visible.has(w.entityRef));
  }

  async request(
    input: {
      entityRef: string;
      controlId: string;
      justification: string;
      expiresAt: string;
    },
    credentials: BackstageCredentials,
  ) {
    const { access } = this.deps;
    const checked = assessedEntityRef(input.entityRef, 'entityRef');
    const expires = dateTimeInput(input.expiresAt, 'expiresAt');
    if (!input.justification.trim())
      throw new InputError('justification must not be blank');
    const entityRef = await access.visibleEntityRef(checked, credentials);
    if (!this.deps.policy.controls.some(c => c.id === input.controlId)) {
      throw new InputError(
        `Unknown control ${input.controlId}; see GET /v1/policy for the controls`,
      );
    }
    const now = this.now().getTime();
    if (expires <= now)
      throw new InputError(`expiresAt ${input.expiresAt} is not in the future`);
    if (expires > now + MAX_WAIVER_DAYS * DAY * 1000)
      throw new InputError(`A waiver may last at most ${MAX_WAIVER_DAYS} days`);
    await access.authorize(
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
  async queue(credentials: BackstageCredentials) {
    const { access, waivers } = this.deps;
    const visible = await access.visibleAmong(credentials, () =>
      waivers.pendingEntityRefs(),
    );
    const pending = await waivers.pending(visible, this.now());
    const refs = [...new Set(pending.map(w => w.entityRef))];
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
      waivers: pending,
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
  async decide(
    id: string,
    decision: 'approve' | 'reject' | 'revoke',
    comment: string | undefined,
    credentials: BackstageCredentials,
  ) {
    const { access, waivers } = this.deps;
    if (!isUser(credentials))
      throw new NotAllowedError(
        `Waivers are decided by tech leads signed in as themselves; a service token may not ${decision} a waiver`,
      );
    const waiver = await waivers.get(id, this.now());
    await access.visibleEntityRef(waiver.entityRef, credentials);
    await access.authorize(
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
    const decided = await waivers.decide(
      id,
      from,
      to,
      actor,
      comment,
      this.now(),
    );
    await this.deps.reevaluation.run(waiver.entityRef, `a waiver ${to}`);
    return decided;
  }
}

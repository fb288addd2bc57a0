import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DrMatrix,
  DrMatrixFilter,
  Policy,
} from '@refarch/backstage-plugin-compliance-common';
import { AssessmentStore } from '../store/AssessmentStore';
import { RollUpStore } from '../store/RollUpStore';
import { FleetFilter } from '../store/types';
import { CatalogAccess } from './CatalogAccess';
import { buildDrMatrix } from './drMatrix';

/**
 * What the REST API reads: assessments, roll-ups, the fleet, its aggregates, the DR matrix and
 * the policy, each as far as the caller may read the catalog (conditional read access narrows
 * the rows in SQL, or filters the page it serves).
 *
 * @internal
 */
export class ComplianceService {
  constructor(
    private readonly deps: {
      access: CatalogAccess;
      assessments: AssessmentStore;
      rollUps: RollUpStore;
      policy: Policy;
    },
  ) {}

  /** The stored assessment as JSON text: the hot path serves it without re-encoding. */
  async assessmentJson(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const visible = await this.deps.access.visibleEntityRef(ref, credentials);
    const json = await this.deps.assessments.getJson(visible);
    if (!json)
      throw new NotFoundError(
        `${visible} has not been assessed yet; assessments run on a schedule after catalog changes`,
      );
    return json;
  }

  /** The roll-up of a System, Domain or Group the caller may read. */
  async rollUp(ref: string, credentials: BackstageCredentials) {
    const visible = await this.deps.access.visibleEntityRef(ref, credentials);
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
      await this.deps.access.visibleEntityRef(ref, credentials),
    );
  }

  async history(ref: string, credentials: BackstageCredentials) {
    return this.deps.assessments.history(
      await this.deps.access.visibleEntityRef(ref, credentials),
    );
  }

  /** The fleet: anyone who may read the catalog sees the list; conditional read access filters the page. */
  async list(
    filter: FleetFilter,
    page: { limit: number; offset?: number; orderBy?: string; cursor?: string },
    credentials: BackstageCredentials,
  ) {
    const { access } = this.deps;
    const readAccess = await access.readAccess(credentials);
    const result = await this.deps.assessments.fleet.list(filter, page);
    if (readAccess === 'conditional') {
      const visible = await access.visibleRefs(
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
  private visibleAssessed(credentials: BackstageCredentials) {
    return this.deps.access.visibleAmong(credentials, () =>
      this.deps.assessments.assessedRefs(),
    );
  }

  /** Status counts per owner, system, domain, kind or control, over what the caller may read. */
  async aggregates(
    groupBy: 'owner' | 'system' | 'domain' | 'kind' | 'control',
    filter: FleetFilter,
    credentials: BackstageCredentials,
  ) {
    const visible = await this.visibleAssessed(credentials);
    return groupBy === 'control'
      ? this.deps.assessments.aggregates.byControl(filter, visible)
      : this.deps.assessments.aggregates.byGroup(groupBy, filter, visible);
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
    const { assessments } = this.deps;
    const visible = await this.deps.access.visibleAmong(credentials, () =>
      assessments.fleet.systemRefs(),
    );
    const [systems, owners] = await Promise.all([
      assessments.fleet.systemsDr(filter.owner, visible),
      assessments.fleet.systemOwners(visible),
    ]);
    return buildDrMatrix(systems, owners, filter.tier);
  }

  /** The policy in force with per-control counts over what the caller may read. */
  async policyWithCounts(credentials: BackstageCredentials) {
    const visible = await this.visibleAssessed(credentials);
    const counts = new Map(
      (await this.deps.assessments.aggregates.byControl({}, visible)).map(c => [
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
}

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  EvidenceKind,
  complianceEvidenceCreatePermission,
} from '@refarch/backstage-plugin-compliance-common';
import { EvidenceStore } from '../store/EvidenceStore';
import { EvidenceRecord } from '../store/types';
import { CatalogAccess } from './CatalogAccess';
import { assessedEntityRef, dateTimeInput, linkInput } from './inputChecks';
import { actorOf } from './principals';
import { Reevaluation } from './Reevaluation';

/** How far in the future a `performedAt` may lie (clock skew between machines). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Evidence of an entity (DR drills, restore tests, reviews): read as the entity is, recorded
 * with `compliance.evidence.create`, once per idempotency key, then the entity re-evaluated.
 *
 * @internal
 */
export class EvidenceService {
  constructor(
    private readonly deps: {
      access: CatalogAccess;
      evidence: EvidenceStore;
      reevaluation: Reevaluation;
      clock?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  async list(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<EvidenceRecord[]> {
    return this.deps.evidence.list(
      await this.deps.access.visibleEntityRef(ref, credentials),
    );
  }

  async add(
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
    const { access } = this.deps;
    const checked = assessedEntityRef(ref, 'entity');
    const performed = dateTimeInput(input.performedAt, 'performedAt');
    if (input.link !== undefined) linkInput(input.link, 'link');
    const entityRef = await access.visibleEntityRef(checked, credentials);
    await access.authorize(
      complianceEvidenceCreatePermission,
      credentials,
      entityRef,
    );
    if (performed > this.now().getTime() + MAX_CLOCK_SKEW_MS)
      throw new InputError(`performedAt ${input.performedAt} is in the future`);
    const { record, replayed } = await this.deps.evidence.addOnce(
      { ...input, entityRef, recordedBy: actorOf(credentials) },
      this.now(),
      idempotencyKey,
    );
    if (!replayed) await this.deps.reevaluation.run(entityRef, 'new evidence');
    return { record, replayed };
  }
}

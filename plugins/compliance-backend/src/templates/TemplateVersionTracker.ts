import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  TemplateReviewStore,
  TemplateSnapshot,
} from '../store/TemplateReviewStore';
import { TemplateConformance } from './TemplateConformance';
import { TemplateDecisionRules } from './TemplateDecisionRules';
import { TemplateReviewNotifier } from './TemplateReviewNotifier';
import { TemplateSourceReader } from './TemplateSourceReader';
import { snapshotOf } from './templateSnapshot';
import { TemplateFile, computeTemplateVersion } from './templateVersion';

/** A template's content as read now: its version, files and the snapshot kept for diffs. */
export interface Computed {
  templateRef: string;
  version: string;
  files: TemplateFile[];
  snapshot: TemplateSnapshot;
  lastEditor?: string;
}

/**
 * Version tracking: reads each template's content, records a new version (pending, the
 * approvers told), remembers what was read (or the error) for the review pages, and dry-runs
 * each new version once for its conformance report.
 *
 * @internal
 */
export class TemplateVersionTracker {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: TemplateReviewStore;
      reader: TemplateSourceReader;
      conformance: TemplateConformance;
      notifier: TemplateReviewNotifier;
      rules: TemplateDecisionRules;
      logger: LoggerService;
      clock?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  private async serviceCredentials() {
    return this.deps.auth.getOwnServiceCredentials();
  }

  private async userRefForEmail(email: string): Promise<string | undefined> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'User', 'spec.profile.email': email },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.serviceCredentials() },
    );
    return items.length === 1 ? stringifyEntityRef(items[0]) : undefined;
  }

  async compute(entity: Entity): Promise<Computed> {
    const source = await this.deps.reader.read(entity);
    const { version, files: digests } = computeTemplateVersion(
      entity,
      source.files,
    );
    const lastEditor = source.lastEditorEmail
      ? (await this.userRefForEmail(source.lastEditorEmail)) ??
        source.lastEditorEmail
      : undefined;
    return {
      templateRef: stringifyEntityRef(entity),
      version,
      files: source.files,
      snapshot: snapshotOf(entity, source.files, digests),
      lastEditor,
    };
  }

  /** Records the version if it is new, and tells the approvers. */
  private async ensureRecorded(
    entity: Entity,
    computed: Computed,
  ): Promise<void> {
    const created = await this.deps.store.record(
      {
        templateRef: computed.templateRef,
        version: computed.version,
        snapshot: computed.snapshot,
        lastEditor: computed.lastEditor,
      },
      this.now(),
    );
    if (!created) return;
    this.deps.logger.info(
      `Template ${computed.templateRef} version ${computed.version} awaits review`,
    );
    await this.deps.notifier.awaitingReview({
      templateRef: computed.templateRef,
      version: computed.version,
      approvers: await this.deps.rules.approversOf(entity),
      lastEditor: computed.lastEditor,
    });
  }

  /**
   * Reads a template's content: records the version if it is new (telling the approvers) and
   * remembers it, or the error reading it, as the template's current state for the review pages.
   */
  async observe(entity: Entity): Promise<Computed> {
    const templateRef = stringifyEntityRef(entity);
    let computed: Computed;
    try {
      computed = await this.compute(entity);
    } catch (e) {
      await this.deps.store.setCurrent(
        templateRef,
        { error: (e as Error).message },
        this.now(),
      );
      throw e;
    }
    await this.ensureRecorded(entity, computed);
    await this.deps.store.setCurrent(
      templateRef,
      { version: computed.version },
      this.now(),
    );
    return computed;
  }

  private async templates(): Promise<Entity[]> {
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'Template' } },
      { credentials: await this.serviceCredentials() },
    );
    return items;
  }

  /**
   * The scheduled pass: records new versions of every template, then dry-runs and checks
   * each version that has no conformance report yet. One template's error never stops the others.
   */
  async sync(): Promise<void> {
    const entities = await this.templates();
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      try {
        const computed = await this.observe(entity);
        const record = await this.deps.store.get(ref, computed.version);
        // The current version's dry run, once: also when a tech lead approved it before the
        // pass got to it, so the review page always has the evidence.
        if (
          record &&
          !record.report &&
          (record.state === 'pending' || record.state === 'approved')
        ) {
          const report = await this.deps.conformance.check(
            entity,
            computed.files,
            this.now(),
          );
          await this.deps.store.setReport(ref, computed.version, report);
          this.deps.logger.info(
            `Template ${ref} version ${computed.version}: conformance ${
              report.outcome
            } ${report.status ?? ''}`,
          );
        }
      } catch (e) {
        this.deps.logger.warn(`Template review of ${ref} failed: ${String(e)}`);
      }
    }
  }
}

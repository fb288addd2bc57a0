import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  TemplateFileDiff,
  TemplateFreshness,
  TemplateReviewDetail,
  TemplateReviewState,
  TemplateReviewSummary,
  TemplateRunCheck,
} from '@refarch/backstage-plugin-compliance-common';
import { actorOf } from '../service/principals';
import { entityRefInput } from '../service/inputChecks';
import { TemplateReviewStore } from '../store/TemplateReviewStore';
import { TemplateConformance } from './TemplateConformance';
import { TemplateReviewNotifier } from './TemplateReviewNotifier';
import { TemplateSourceReader } from './TemplateSourceReader';
import { TemplateDecisionRules } from './TemplateDecisionRules';
import { TemplateVersionTracker } from './TemplateVersionTracker';
import { diffSnapshots } from './templateSnapshot';
import {
  dryRunVersion,
  freshnessOf,
  parseTemplateStamp,
  refusalMessage,
} from './templateRunCheck';

/** The template's spec.owner, when it is a string. */
const ownerOf = (entity: Entity) =>
  typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;

type ApprovedVersion = {
  version: string;
  decidedBy?: string;
  decidedAt?: string;
};
type CurrentRead = { version?: string; error?: string };

/**
 * Template review: the version of each template in the catalog (content hash of spec and
 * fetched files), its review state, decisions by tech leads (permission
 * `compliance.template.approve`, four eyes against the last editor), and the check the
 * scaffolder makes before running a task.
 *
 * @internal
 */
export class TemplateReviewService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      store: TemplateReviewStore;
      reader: TemplateSourceReader;
      conformance: TemplateConformance;
      notifier: TemplateReviewNotifier;
      logger: LoggerService;
      techLeadGroups: string[];
      clock?: () => Date;
    },
  ) {
    this.rules = new TemplateDecisionRules(deps);
    this.tracker = new TemplateVersionTracker({ ...deps, rules: this.rules });
  }

  private readonly rules: TemplateDecisionRules;
  private readonly tracker: TemplateVersionTracker;

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  private async serviceCredentials() {
    return this.deps.auth.getOwnServiceCredentials();
  }

  /** The scheduled pass (see TemplateVersionTracker.sync). */
  async sync(): Promise<void> {
    await this.tracker.sync();
  }

  private async visibleTemplate(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(ref, { credentials });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'template')
      throw new NotFoundError(`No template ${ref}`);
    return entity;
  }

  /**
   * A template's review state as the last read recorded it (the review pass every minute, run
   * checks and decisions): page views read the store, they do not hash the template's files.
   */
  private async summaryOf(
    entity: Entity,
    approved: Map<string, ApprovedVersion>,
    currents: Map<string, CurrentRead>,
  ): Promise<TemplateReviewSummary> {
    const templateRef = stringifyEntityRef(entity);
    const base: TemplateReviewSummary = {
      templateRef,
      title: entity.metadata.title,
      owner: ownerOf(entity),
      latestApproved: approved.get(templateRef),
      approvers: await this.rules.approversOf(entity),
    };
    const current = currents.get(templateRef);
    if (!current)
      return {
        ...base,
        error:
          'Not read yet: the review pass reads every template once a minute',
      };
    if (!current.version) return { ...base, error: current.error };
    const record = await this.deps.store.get(templateRef, current.version);
    const failing = record?.report?.findings.filter(
      f => f.status === 'fail',
    ).length;
    return {
      ...base,
      currentVersion: current.version,
      currentState: record?.state,
      reportStatus: record?.report?.status,
      failing,
    };
  }

  async list(
    credentials: BackstageCredentials,
  ): Promise<TemplateReviewSummary[]> {
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'Template' } },
      { credentials },
    );
    const [approved, currents] = await Promise.all([
      this.deps.store.approvedVersions(),
      this.deps.store.currentVersions(),
    ]);
    const summaries = await Promise.all(
      items.map(e => this.summaryOf(e, approved, currents)),
    );
    // Pending first: that is the queue.
    return summaries.sort(
      (a, b) =>
        Number(b.currentState === 'pending') -
          Number(a.currentState === 'pending') ||
        a.templateRef.localeCompare(b.templateRef),
    );
  }

  async detail(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<TemplateReviewDetail> {
    const entity = await this.visibleTemplate(ref, credentials);
    const [approved, currents] = await Promise.all([
      this.deps.store.approvedVersions(),
      this.deps.store.currentVersions(),
    ]);
    const summary = await this.summaryOf(entity, approved, currents);
    const { templateRef, currentVersion, latestApproved } = summary;
    const versions = await this.deps.store.versions(templateRef);
    let diff: TemplateFileDiff[] = [];
    if (currentVersion && latestApproved?.version !== currentVersion) {
      const next = await this.deps.store.snapshot(templateRef, currentVersion);
      const base = latestApproved
        ? await this.deps.store.snapshot(templateRef, latestApproved.version)
        : undefined;
      if (next)
        diff = diffSnapshots(
          base,
          next,
          latestApproved?.version,
          currentVersion,
        );
    }
    return {
      ...summary,
      versions,
      diff,
      canDecide: await this.rules.canDecide(
        templateRef,
        summary.currentState,
        versions.find(v => v.version === currentVersion)?.lastEditor,
        credentials,
      ),
    };
  }

  async decide(
    ref: string,
    version: string,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    credentials: BackstageCredentials,
  ) {
    const entity = await this.visibleTemplate(ref, credentials);
    const templateRef = stringifyEntityRef(entity);
    if (!(await this.rules.mayApprove(templateRef, credentials))) {
      throw new NotAllowedError(
        `Only tech leads may ${decision} templates; ${templateRef} is approved by members of ${(
          await this.rules.approversOf(entity)
        ).join(', ')}`,
      );
    }
    if (decision === 'reject' && !comment?.trim())
      throw new InputError(
        'A comment is required to reject a template version',
      );
    const computed = await this.tracker.observe(entity);
    if (computed.version !== version) {
      throw new ConflictError(
        `Version ${version} of ${templateRef} is no longer the template's content; the current version is ${computed.version}. Review that one.`,
      );
    }
    const record = await this.deps.store.get(templateRef, version);
    if (await this.rules.isLastEditor(record?.lastEditor, credentials)) {
      throw new NotAllowedError(
        `You changed ${templateRef} last (${
          record!.lastEditor
        }); another tech lead must ${decision} version ${version} (four eyes)`,
      );
    }
    const actor = actorOf(credentials);
    const to = decision === 'approve' ? 'approved' : 'rejected';
    await this.deps.store.decide(
      {
        templateRef,
        version,
        to,
        actor,
        comment: comment?.trim() || undefined,
        report: record?.report,
      },
      this.now(),
    );
    await this.deps.notifier.decided({
      templateRef,
      version,
      owner: ownerOf(entity),
      decision: to,
      actor,
      comment,
    });
    try {
      // The catalog processor tags templates with their review state; show it without waiting.
      await this.deps.catalog.refreshEntity(templateRef, {
        credentials: await this.serviceCredentials(),
      });
    } catch (e) {
      this.deps.logger.debug(`Could not refresh ${templateRef}: ${String(e)}`);
    }
    return this.detail(templateRef, credentials);
  }

  /**
   * Asked by the scaffolder before a task or a dry run. A task runs only the approved
   * version; a dry run of any other version is allowed to those who may approve the template.
   */
  async checkRun(
    input: {
      templateRef?: string;
      dryRun: boolean;
      template?: Entity;
      directoryContents?: Array<{ path: string; base64Content: string }>;
    },
    credentials: BackstageCredentials,
  ): Promise<TemplateRunCheck> {
    let entity: Entity;
    let version: string;
    if (input.dryRun) {
      ({ entity, version } = dryRunVersion(input));
    } else {
      if (!input.templateRef)
        throw new InputError('A task check needs templateRef');
      const ref = entityRefInput(input.templateRef, 'templateRef', {
        defaultKind: 'template',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'template')
        throw new InputError(
          `templateRef "${input.templateRef}" is a ${ref.kind}, not a template`,
        );
      const found = await this.deps.catalog.getEntityByRef(ref, {
        credentials,
      });
      if (!found)
        return {
          allowed: true,
          templateRef: input.templateRef,
          message: 'not a catalog template; the scaffolder reports it',
        };
      entity = found;
      version = (await this.tracker.observe(entity)).version;
    }
    const templateRef = stringifyEntityRef({
      kind: 'template',
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    });
    const state =
      (await this.deps.store.state(templateRef, version)) ?? 'unknown';
    if (state === 'approved')
      return {
        allowed: true,
        templateRef,
        version,
        state,
        message: `${templateRef} version ${version} is approved`,
      };
    if (
      input.dryRun &&
      (await this.rules.mayApprove(templateRef, credentials))
    ) {
      return {
        allowed: true,
        templateRef,
        version,
        state,
        message: `dry run of ${state} version ${version} allowed for a tech lead`,
      };
    }
    const approvers =
      input.dryRun && state === 'unknown'
        ? this.deps.techLeadGroups
        : await this.rules.approversOf(entity);
    const latest = (await this.deps.store.approvedVersions()).get(templateRef);
    return {
      allowed: false,
      templateRef,
      version,
      state,
      message: refusalMessage({
        templateRef,
        version,
        state,
        dryRun: input.dryRun,
        approvedVersion: latest?.version,
        approvers,
      }),
    };
  }

  /** The current version of a template, for the scaffolder to stamp on what it creates. */
  async current(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<{
    templateRef: string;
    version: string;
    state: TemplateReviewState | 'unknown';
  }> {
    const entity = await this.visibleTemplate(ref, credentials);
    const templateRef = stringifyEntityRef(entity);
    // What the review pass (every minute) or the last run check read: the catalog asks this on
    // every processing loop, and a task's guard reads the template afresh before its steps.
    const read = await this.deps.store.currentOf(templateRef);
    const version =
      read?.version ?? (await this.tracker.observe(entity)).version;
    return {
      templateRef,
      version,
      state: (await this.deps.store.state(templateRef, version)) ?? 'unknown',
    };
  }

  /** Whether `template:ns/name@version` (an entity's refarch.dev/template) is the latest approved version. */
  async freshness(stamp: string): Promise<TemplateFreshness> {
    const { templateRef, version } = parseTemplateStamp(stamp);
    const latest = (await this.deps.store.approvedVersions()).get(templateRef);
    const state = await this.deps.store.state(templateRef, version);
    return {
      templateRef,
      version,
      ...freshnessOf(version, latest?.version, state),
    };
  }
}

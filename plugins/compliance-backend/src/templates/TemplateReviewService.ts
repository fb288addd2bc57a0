import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATIONS,
  TemplateFileDiff,
  TemplateFreshness,
  TemplateReviewDetail,
  TemplateReviewSummary,
  TemplateRunCheck,
  complianceTemplateApprovePermission,
} from '@refarch/backstage-plugin-compliance-common';
import { createTwoFilesPatch } from 'diff';
import YAML from 'yaml';
import { approversOf } from '@refarch/backstage-plugin-compliance-node';
import { actorOf } from '../service/ComplianceService';
import { entityRefInput } from '../service/inputChecks';
import {
  TemplateReviewStore,
  TemplateSnapshot,
} from '../store/TemplateReviewStore';
import { TemplateConformance } from './TemplateConformance';
import { TemplateReviewNotifier, reviewLink } from './TemplateReviewNotifier';
import { TemplateSourceReader } from './TemplateSourceReader';
import {
  TemplateFile,
  computeTemplateVersion,
  fetchedPaths,
  isFetched,
} from './templateVersion';

const MAX_TEXT = 256 * 1024;
const SPEC_FILE = 'template.yaml (spec)';

interface Computed {
  templateRef: string;
  version: string;
  files: TemplateFile[];
  snapshot: TemplateSnapshot;
  lastEditor?: string;
}

type ApprovedVersion = {
  version: string;
  decidedBy?: string;
  decidedAt?: string;
};
type CurrentRead = { version?: string; error?: string };

const isText = (b: Buffer) => b.length <= MAX_TEXT && !b.includes(0);

function snapshotOf(
  entity: Entity,
  files: TemplateFile[],
  digests: TemplateSnapshot['files'],
): TemplateSnapshot {
  const text = new Map(
    files.map(f => [
      f.path,
      isText(f.content) ? f.content.toString('utf8') : undefined,
    ]),
  );
  return {
    spec: YAML.stringify({
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      spec: entity.spec,
    }),
    files: digests.map(d => ({ ...d, text: text.get(d.path) })),
  };
}

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
  ) {}

  private now() {
    return this.deps.clock?.() ?? new Date();
  }

  private async serviceCredentials() {
    return this.deps.auth.getOwnServiceCredentials();
  }

  /** The groups whose members may approve a template: portal tech leads and the owner's. */
  async approversOf(entity: Entity): Promise<string[]> {
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string' || !owner)
      return approversOf(this.deps.techLeadGroups, undefined);
    try {
      const group = await this.deps.catalog.getEntityByRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace,
        }),
        { credentials: await this.serviceCredentials() },
      );
      return approversOf(
        this.deps.techLeadGroups,
        group?.metadata.annotations?.[ANNOTATIONS.techLeads],
      );
    } catch (e) {
      // A dry run's template comes from the request: a malformed owner names no approvers.
      this.deps.logger.debug(`No approvers from owner ${owner}: ${String(e)}`);
      return approversOf(this.deps.techLeadGroups, undefined);
    }
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

  private async compute(entity: Entity): Promise<Computed> {
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
      approvers: await this.approversOf(entity),
      lastEditor: computed.lastEditor,
    });
  }

  /**
   * Reads a template's content: records the version if it is new (telling the approvers) and
   * remembers it, or the error reading it, as the template's current state for the review pages.
   */
  private async observe(entity: Entity): Promise<Computed> {
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
        if (record && !record.report && record.state === 'pending') {
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
      owner: (entity.spec as any)?.owner,
      latestApproved: approved.get(templateRef),
      approvers: await this.approversOf(entity),
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
      canDecide: await this.canDecide(
        templateRef,
        summary.currentState,
        versions.find(v => v.version === currentVersion)?.lastEditor,
        credentials,
      ),
    };
  }

  private async mayApprove(
    templateRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize(
      [
        {
          permission: complianceTemplateApprovePermission,
          resourceRef: templateRef,
        },
      ],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async isLastEditor(
    lastEditor: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!lastEditor) return false;
    const actor = actorOf(credentials);
    if (actor === lastEditor) return true;
    if (!lastEditor.includes('@') || !actor.startsWith('user:')) return false;
    const user = await this.deps.catalog.getEntityByRef(actor, {
      credentials: await this.serviceCredentials(),
    });
    return (
      (
        (user?.spec as any)?.profile?.email as string | undefined
      )?.toLocaleLowerCase('en-US') === lastEditor.toLocaleLowerCase('en-US')
    );
  }

  private async canDecide(
    templateRef: string,
    state: string | undefined,
    lastEditor: string | undefined,
    credentials: BackstageCredentials,
  ) {
    if (state !== 'pending')
      return {
        allowed: false,
        reason: state
          ? `The current version is ${state}`
          : 'The current version could not be computed',
      };
    if (!(await this.mayApprove(templateRef, credentials)))
      return {
        allowed: false,
        reason:
          'Only tech leads may approve templates (compliance.template.approve)',
      };
    if (await this.isLastEditor(lastEditor, credentials))
      return {
        allowed: false,
        reason: `You changed this template last (${lastEditor}); another tech lead must review it (four eyes)`,
      };
    return { allowed: true };
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
    if (!(await this.mayApprove(templateRef, credentials))) {
      throw new NotAllowedError(
        `Only tech leads may ${decision} templates; ${templateRef} is approved by members of ${(
          await this.approversOf(entity)
        ).join(', ')}`,
      );
    }
    if (decision === 'reject' && !comment?.trim())
      throw new InputError(
        'A comment is required to reject a template version',
      );
    const computed = await this.observe(entity);
    if (computed.version !== version) {
      throw new ConflictError(
        `Version ${version} of ${templateRef} is no longer the template's content; the current version is ${computed.version}. Review that one.`,
      );
    }
    const record = await this.deps.store.get(templateRef, version);
    if (await this.isLastEditor(record?.lastEditor, credentials)) {
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
      owner: (entity.spec as any)?.owner,
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
      if (!input.template?.metadata?.name)
        throw new InputError('A dry-run check needs the template');
      entity = {
        ...input.template,
        metadata: {
          ...input.template.metadata,
          namespace: input.template.metadata.namespace ?? 'default',
        },
      };
      const fetched = fetchedPaths(entity);
      const files = (input.directoryContents ?? [])
        .map(f => ({
          path: f.path.replace(/^\.\//, ''),
          content: Buffer.from(f.base64Content, 'base64'),
        }))
        .filter(f => isFetched(f.path, fetched));
      version = computeTemplateVersion(entity, files).version;
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
      version = (await this.observe(entity)).version;
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
    if (input.dryRun && (await this.mayApprove(templateRef, credentials))) {
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
        : await this.approversOf(entity);
    const latest = (await this.deps.store.approvedVersions()).get(templateRef);
    return {
      allowed: false,
      templateRef,
      version,
      state,
      message:
        `${templateRef} version ${version} is ${
          state === 'unknown' ? 'not reviewed' : state
        }; only approved template versions run` +
        `${input.dryRun ? ' (tech leads may dry-run it)' : ''}. ` +
        `${
          latest
            ? `The approved version is ${latest.version}, which is no longer the template's content. `
            : 'No version of it has been approved yet. '
        }` +
        `Members of ${approvers.join(', ')} can approve it at ${reviewLink(
          templateRef,
        )}.`,
    };
  }

  /** The current version of a template, for the scaffolder to stamp on what it creates. */
  async current(ref: string, credentials: BackstageCredentials) {
    const entity = await this.visibleTemplate(ref, credentials);
    const computed = await this.compute(entity);
    return {
      templateRef: computed.templateRef,
      version: computed.version,
      state:
        (await this.deps.store.state(computed.templateRef, computed.version)) ??
        'unknown',
    };
  }

  /** Whether `template:ns/name@version` (an entity's refarch.dev/template) is the latest approved version. */
  async freshness(stamp: string): Promise<TemplateFreshness> {
    const at = stamp.lastIndexOf('@');
    if (at <= 0)
      throw new InputError(
        `"${stamp}" is not template:[namespace/]name@version`,
      );
    const ref = entityRefInput(stamp.slice(0, at), 'stamp', {
      defaultKind: 'template',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'template')
      throw new InputError(
        `stamp "${stamp}" names a ${ref.kind}, not a template`,
      );
    const templateRef = stringifyEntityRef(ref);
    const version = stamp.slice(at + 1);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(version))
      throw new InputError(
        `stamp "${stamp}": the version after @ is a template version, e.g. 0123456789abcdef`,
      );
    const latest = (await this.deps.store.approvedVersions()).get(templateRef);
    const state = await this.deps.store.state(templateRef, version);
    if (latest?.version === version)
      return {
        templateRef,
        version,
        state: 'current',
        latestApproved: latest.version,
      };
    if (!state)
      return {
        templateRef,
        version,
        state: 'unknown',
        latestApproved: latest?.version,
      };
    if (state === 'superseded' && latest)
      return {
        templateRef,
        version,
        state: 'outdated',
        latestApproved: latest.version,
      };
    return {
      templateRef,
      version,
      state: latest ? 'outdated' : 'unapproved',
      latestApproved: latest?.version,
    };
  }
}

/** Per-file unified diffs from the last approved snapshot (or nothing) to the current one. */
export function diffSnapshots(
  base: TemplateSnapshot | undefined,
  next: TemplateSnapshot,
  baseVersion?: string,
  nextVersion?: string,
): TemplateFileDiff[] {
  const from = new Map<string, { sha256: string; text?: string }>(
    base ? [[SPEC_FILE, { sha256: base.spec, text: base.spec }]] : [],
  );
  for (const f of base?.files ?? []) from.set(f.path, f);
  const to = new Map<string, { sha256: string; text?: string }>([
    [SPEC_FILE, { sha256: next.spec, text: next.spec }],
  ]);
  for (const f of next.files) to.set(f.path, f);
  const out: TemplateFileDiff[] = [];
  const label = (v?: string) => (v ? `@${v}` : '');
  // The template's spec first, then the files by path.
  const specFirst = (p: string) => (p === SPEC_FILE ? 0 : 1);
  for (const path of [...new Set([...from.keys(), ...to.keys()])].sort(
    (a, b) => specFirst(a) - specFirst(b) || a.localeCompare(b),
  )) {
    const a = from.get(path);
    const b = to.get(path);
    if (a && b && a.sha256 === b.sha256) continue;
    let change: 'added' | 'removed' | 'modified' = 'modified';
    if (!a) change = 'added';
    else if (!b) change = 'removed';
    const textA = a ? a.text : '';
    const textB = b ? b.text : '';
    const patch =
      textA !== undefined && textB !== undefined
        ? createTwoFilesPatch(
            `${path}${label(baseVersion)}`,
            `${path}${label(nextVersion)}`,
            textA,
            textB,
            undefined,
            undefined,
            { context: 3 },
          )
        : undefined;
    out.push({ path, change, patch });
  }
  return out;
}

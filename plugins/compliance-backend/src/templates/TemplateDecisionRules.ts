import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATIONS,
  complianceTemplateApprovePermission,
} from '@refarch/backstage-plugin-compliance-common';
import { approversOf } from '@refarch/backstage-plugin-compliance-node';
import { actorOf } from '../service/principals';

/** A User entity's spec.profile.email, when it has one. */
function emailOf(user: Entity): string | undefined {
  const profile = user.spec?.profile;
  if (!profile || typeof profile !== 'object' || Array.isArray(profile))
    return undefined;
  return typeof profile.email === 'string' ? profile.email : undefined;
}

/**
 * Who may decide a template version: tech leads through the permission framework
 * (`compliance.template.approve`, the portal policy's tech-lead rule), never the person who
 * changed the template last (four eyes).
 *
 * @internal
 */
export class TemplateDecisionRules {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      logger: LoggerService;
      techLeadGroups: string[];
    },
  ) {}

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

  async mayApprove(
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

  async isLastEditor(
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
      (user ? emailOf(user) : undefined)?.toLocaleLowerCase('en-US') ===
      lastEditor.toLocaleLowerCase('en-US')
    );
  }

  async canDecide(
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
}

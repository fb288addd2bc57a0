import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  complianceEvidenceCreatePermission,
  complianceTemplateApprovePermission,
  complianceWaiverApprovePermission,
  complianceWaiverRequestPermission,
} from '@refarch/backstage-plugin-compliance-common';
import { isTechLead } from '@refarch/backstage-plugin-compliance-node';

/**
 * The portal's permission policy.
 *
 * - Everyone signed in reads the catalog and the assessments.
 * - Approving templates and approving waivers: members of a tech-lead group
 *   (`compliance.techLeadGroups`, default `group:default/tech-leads`). Templates also:
 *   members of the group that the template's owning group names as its tech leads
 *   (annotation `refarch.dev/tech-leads` on the owner) — a catalog condition
 *   "Template owned by one of the groups this user leads".
 * - Posting evidence and requesting waivers: the entity's owners, and tech leads.
 * - Everything else: allowed (the portal has no other sensitive actions).
 *
 * Four-eyes rules (no self-approval) are enforced by the compliance backend, which
 * knows who requested what.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly techLeadGroups: string[],
    /** The groups whose `refarch.dev/tech-leads` annotation names one of these refs. */
    private readonly groupsLedBy: (
      claims: string[],
    ) => Promise<string[]> = async () => [],
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const approves =
      isPermission(permission, complianceTemplateApprovePermission) ||
      isPermission(permission, complianceWaiverApprovePermission);
    const contributes =
      isPermission(permission, complianceEvidenceCreatePermission) ||
      isPermission(permission, complianceWaiverRequestPermission);
    if (!approves && !contributes) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (isTechLead(ownershipEntityRefs, this.techLeadGroups)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, complianceTemplateApprovePermission)) {
      const led = await this.groupsLedBy(ownershipEntityRefs);
      if (!led.length) return { result: AuthorizeResult.DENY };
      return createCatalogConditionalDecision(permission, {
        allOf: [
          catalogConditions.isEntityKind({ kinds: ['Template'] }),
          catalogConditions.isEntityOwner({ claims: led }),
        ],
      });
    }
    if (approves) {
      return { result: AuthorizeResult.DENY };
    }
    // Evidence and waiver requests: only for entities the user (or a group of theirs) owns.
    return createCatalogConditionalDecision(
      permission as typeof complianceEvidenceCreatePermission,
      catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    );
  }
}

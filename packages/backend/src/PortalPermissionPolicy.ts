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

/**
 * The portal's permission policy.
 *
 * - Everyone signed in reads the catalog and the assessments.
 * - Approving templates and approving waivers: members of a tech-lead group only
 *   (`compliance.techLeadGroups`, default `group:default/tech-leads`).
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
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
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
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(user.credentials);
    const isTechLead = ownershipEntityRefs.some(ref =>
      this.techLeadGroups.includes(ref.toLocaleLowerCase('en-US')),
    );
    if (isTechLead) {
      return { result: AuthorizeResult.ALLOW };
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

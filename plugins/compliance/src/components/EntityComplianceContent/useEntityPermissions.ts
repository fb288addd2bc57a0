import { usePermission } from '@backstage/plugin-permission-react';
import {
  complianceEvidenceCreatePermission,
  complianceWaiverApprovePermission,
  complianceWaiverRequestPermission,
} from '@refarch/backstage-plugin-compliance-common';

/**
 * What the signed-in user may do on this entity; false while the decision loads.
 *
 * @internal
 */
export function useEntityPermissions(entityRef: string) {
  const evidence = usePermission({
    permission: complianceEvidenceCreatePermission,
    resourceRef: entityRef,
  });
  const request = usePermission({
    permission: complianceWaiverRequestPermission,
    resourceRef: entityRef,
  });
  const approve = usePermission({
    permission: complianceWaiverApprovePermission,
    resourceRef: entityRef,
  });
  return {
    canRecordEvidence: !evidence.loading && evidence.allowed,
    canRequestWaiver: !request.loading && request.allowed,
    canDecideWaivers: !approve.loading && approve.allowed,
  };
}

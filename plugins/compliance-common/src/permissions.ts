import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading an assessment follows catalog read access (the backend checks
 * `catalog.entity.read` for the entity); these are the compliance plugin's own actions.
 *
 * @public
 */
export const complianceEvidenceCreatePermission = createPermission({
  name: 'compliance.evidence.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/** @public */
export const complianceWaiverRequestPermission = createPermission({
  name: 'compliance.waiver.request',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/** @public */
export const complianceWaiverApprovePermission = createPermission({
  name: 'compliance.waiver.approve',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const complianceTemplateApprovePermission = createPermission({
  name: 'compliance.template.approve',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const compliancePermissions = [
  complianceEvidenceCreatePermission,
  complianceWaiverRequestPermission,
  complianceWaiverApprovePermission,
  complianceTemplateApprovePermission,
];

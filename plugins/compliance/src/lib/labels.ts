import {
  DisruptionType,
  EvidenceKind,
  Framework,
  Provenance,
  Severity,
} from '@refarch/backstage-plugin-compliance-common';

/** @internal */
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  soc2: 'SOC 2',
  gdpr: 'GDPR',
  'bsi-tr-03161': 'BSI TR-03161',
  'bsi-c5': 'BSI C5',
  diga: 'DiGA',
  'pci-dss': 'PCI DSS',
  'cis-aws': 'CIS AWS',
};

/** @internal */
export const frameworkLabel = (id: string) =>
  FRAMEWORK_LABELS[id as Framework] ?? id;

/** @internal */
export const PROVENANCE_LABELS: Record<Provenance, string> = {
  declared: 'Declared',
  iac: 'IaC',
  live: 'Live',
  evidence: 'Evidence',
};

/** @internal */
export const PROVENANCES: readonly Provenance[] = [
  'declared',
  'iac',
  'live',
  'evidence',
];

/** @internal */
export const DISRUPTION_LABELS: Record<DisruptionType, string> = {
  software: 'Software / data corruption',
  hardware: 'Hardware',
  az: 'Availability zone',
  region: 'Region',
};

/** @internal */
export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** @internal */
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  'dr-drill': 'DR drill',
  'restore-test': 'Restore test',
  'backup-verification': 'Backup verification',
  'access-review': 'Access review',
  'image-rescan': 'Image rescan',
};

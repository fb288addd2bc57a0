import { ControlDefinition } from '@refarch/backstage-plugin-compliance-common';
import { backupMetadata } from '../controls/backupControls.meta';
import {
  dataStoreBackupMetadata,
  dataStoreEncryptionMetadata,
} from '../controls/dataStoreControls.meta';
import {
  encryptionMetadata,
  tlsMetadata,
} from '../controls/encryptionControls.meta';
import { hardeningMetadata } from '../controls/hardeningControls.meta';
import {
  iamMetadata,
  secretsMetadata,
} from '../controls/identityControls.meta';
import { lambdaMetadata } from '../controls/lambdaControls.meta';
import { loggingMetadata } from '../controls/loggingControls.meta';
import { monitoringMetadata } from '../controls/monitoringControls.meta';
import { networkMetadata } from '../controls/networkControls.meta';
import { parameterStoreMetadata } from '../controls/parameterStoreControls.meta';
import {
  bucketAndServiceResilienceMetadata,
  databaseResilienceMetadata,
  deliveryMetadata,
} from '../controls/resilienceControls.meta';
import { retentionPolicyMetadata } from '../controls/retentionPolicyControls.meta';

/*
 * The reference architecture (shared/CONTROLS.md) as data: what each control checks, why,
 * where the documents say so, and what frameworks it evidences. Thresholds live in
 * `params` and can be overridden from app-config (`compliance.policy.controls`).
 * Each control's metadata sits beside its code, in `../controls/<family>.meta.ts`; this
 * list fixes the order the controls are shown in (by category, then as the documents
 * number them), which is why a family can contribute more than one slice.
 */
const metadata = [
  // Encryption
  ...encryptionMetadata,
  ...dataStoreEncryptionMetadata,
  ...tlsMetadata,
  // Network
  ...networkMetadata,
  // Logging and detection
  ...loggingMetadata,
  // Monitoring
  ...monitoringMetadata,
  // Hardening
  ...hardeningMetadata,
  ...lambdaMetadata,
  // Secrets and identity
  ...secretsMetadata,
  ...parameterStoreMetadata,
  ...iamMetadata,
  // Resilience
  ...databaseResilienceMetadata,
  ...backupMetadata,
  ...bucketAndServiceResilienceMetadata,
  ...retentionPolicyMetadata,
  ...dataStoreBackupMetadata,
  // Delivery
  ...deliveryMetadata,
];

/** @public */
export const defaultControls: ControlDefinition[] = metadata.map(d => ({
  appliesTo: [],
  resourceTypes: [],
  facts: [],
  params: {},
  ...d,
  enabled: true,
}));

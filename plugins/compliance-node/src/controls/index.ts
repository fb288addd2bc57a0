import { backupControls } from './backupControls';
import { dataStoreControls } from './dataStoreControls';
import { encryptionControls } from './encryptionControls';
import { hardeningControls } from './hardeningControls';
import { identityControls } from './identityControls';
import { lambdaControls } from './lambdaControls';
import { loggingControls } from './loggingControls';
import { monitoringControls } from './monitoringControls';
import { networkControls } from './networkControls';
import { parameterStoreControls } from './parameterStoreControls';
import { resilienceControls } from './resilienceControls';
import { retentionPolicyControls } from './retentionPolicyControls';
import { ControlImplementation } from './types';

/**
 * The code of every control, by id. The policy decides which run and with what thresholds.
 *
 * @public
 */
export const controlImplementations: ReadonlyMap<
  string,
  ControlImplementation
> = new Map(
  [
    ...encryptionControls,
    ...networkControls,
    ...loggingControls,
    ...monitoringControls,
    ...hardeningControls,
    ...identityControls,
    ...resilienceControls,
    ...backupControls,
    ...parameterStoreControls,
    ...dataStoreControls,
    ...retentionPolicyControls,
    ...lambdaControls,
  ].map(c => [c.id, c]),
);

export type {
  ControlImplementation,
  CheckOutcome,
  CfnContext,
  DeclaredContext,
  EntityContext,
  FactLookup,
} from './types';

/*
 * The policy and the code agree: every control of the default policy has an
 * implementation, and every implementation is a control of the policy.
 */
import { defaultPolicy } from '../policy/defaultPolicy';
import { controlImplementations } from './index';
import { backupControls } from './backupControls';
import { backupMetadata } from './backupControls.meta';
import { dataStoreControls } from './dataStoreControls';
import {
  dataStoreEncryptionMetadata,
  dataStoreBackupMetadata,
} from './dataStoreControls.meta';
import { encryptionControls } from './encryptionControls';
import { encryptionMetadata, tlsMetadata } from './encryptionControls.meta';
import { hardeningControls } from './hardeningControls';
import { hardeningMetadata } from './hardeningControls.meta';
import { identityControls } from './identityControls';
import { secretsMetadata, iamMetadata } from './identityControls.meta';
import { lambdaControls } from './lambdaControls';
import { lambdaMetadata } from './lambdaControls.meta';
import { loggingControls } from './loggingControls';
import { loggingMetadata } from './loggingControls.meta';
import { monitoringControls } from './monitoringControls';
import { monitoringMetadata } from './monitoringControls.meta';
import { networkControls } from './networkControls';
import { networkMetadata } from './networkControls.meta';
import { parameterStoreControls } from './parameterStoreControls';
import { parameterStoreMetadata } from './parameterStoreControls.meta';
import { resilienceControls } from './resilienceControls';
import {
  databaseResilienceMetadata,
  bucketAndServiceResilienceMetadata,
  deliveryMetadata,
} from './resilienceControls.meta';
import { retentionPolicyControls } from './retentionPolicyControls';
import { retentionPolicyMetadata } from './retentionPolicyControls.meta';

describe('control implementations', () => {
  it('implement exactly the controls of the default policy', () => {
    const policyIds = defaultPolicy.controls.map(c => c.id).sort();
    expect([...controlImplementations.keys()].sort()).toEqual(policyIds);
    expect(new Set(policyIds).size).toBe(policyIds.length);
  });

  it('give a CloudFormation form to every control that names resource types', () => {
    for (const c of defaultPolicy.controls.filter(x => x.resourceTypes.length))
      expect([c.id, typeof controlImplementations.get(c.id)?.cfn]).toEqual([
        c.id,
        'function',
      ]);
  });

  // A control's metadata stays beside its code: each family's *.meta.ts describes exactly
  // the controls the family implements.
  it.each([
    ['backup', backupControls, [...backupMetadata]],
    [
      'dataStore',
      dataStoreControls,
      [...dataStoreEncryptionMetadata, ...dataStoreBackupMetadata],
    ],
    ['encryption', encryptionControls, [...encryptionMetadata, ...tlsMetadata]],
    ['hardening', hardeningControls, [...hardeningMetadata]],
    ['identity', identityControls, [...secretsMetadata, ...iamMetadata]],
    ['lambda', lambdaControls, [...lambdaMetadata]],
    ['logging', loggingControls, [...loggingMetadata]],
    ['monitoring', monitoringControls, [...monitoringMetadata]],
    ['network', networkControls, [...networkMetadata]],
    ['parameterStore', parameterStoreControls, [...parameterStoreMetadata]],
    [
      'resilience',
      resilienceControls,
      [
        ...databaseResilienceMetadata,
        ...bucketAndServiceResilienceMetadata,
        ...deliveryMetadata,
      ],
    ],
    ['retentionPolicy', retentionPolicyControls, [...retentionPolicyMetadata]],
  ] as const)(
    'keep the metadata of the %s family beside its code',
    (_family, code, metadata) => {
      expect(metadata.map(m => m.id).sort()).toEqual(
        code.map(c => c.id).sort(),
      );
    },
  );
});

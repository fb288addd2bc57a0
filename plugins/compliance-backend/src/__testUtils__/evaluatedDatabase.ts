import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import {
  defaultPolicy,
  evaluateEntity,
} from '@refarch/backstage-plugin-compliance-node';

/**
 * The assessment of a critical database that declares some facts and misses others: multi-AZ
 * or not (DR-01 fails without it), under `frameworks`.
 */
export function evaluatedDatabase(
  name = 'orders-db',
  multiAz = false,
  frameworks = 'soc2, gdpr',
): Assessment {
  return evaluateEntity(
    {
      entity: {
        ref: `resource:default/${name}`,
        kind: 'Resource',
        name,
        type: 'database',
        annotations: {
          'refarch.dev/tier': 'critical',
          'refarch.dev/frameworks': frameworks,
          'refarch.dev/declared.storage-encrypted': 'true',
          'refarch.dev/declared.multi-az': String(multiAz),
          'refarch.dev/declared.backup-retention': '7d',
        },
      },
      evidence: [],
      waivers: [],
      dependencies: [],
      now: new Date('2026-12-07T10:00:00Z'),
    },
    defaultPolicy,
  );
}

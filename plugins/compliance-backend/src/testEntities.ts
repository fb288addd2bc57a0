import { Entity } from '@backstage/catalog-model';
import path from 'path';

/** A small catalog for tests: a service, its database, alerting, and two IaC entities. @internal */
export function testEntities(fixtureDir: string): Entity[] {
  const location = `file:${path.join(fixtureDir, 'catalog-info.yaml')}`;
  const base = (
    kind: string,
    name: string,
    type: string,
    annotations: Record<string, string>,
    relations: Entity['relations'] = [],
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        ...annotations,
      },
    },
    spec: {
      type,
      owner: 'group:default/team-a',
      lifecycle: 'production',
      system: 'shop',
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'system:default/shop' },
      ...relations,
    ],
  });
  return [
    base(
      'Component',
      'api',
      'service',
      {
        'refarch.dev/tier': 'critical',
        'refarch.dev/rpo': '15m',
        'refarch.dev/rto': '1h',
        'refarch.dev/frameworks': 'soc2,gdpr',
        'refarch.dev/declared.min-tasks': '3',
        'refarch.dev/declared.az-count': '3',
        'refarch.dev/declared.iac-managed': 'true',
      },
      [{ type: 'dependsOn', targetRef: 'resource:default/db' }],
    ),
    base(
      'Resource',
      'db',
      'database',
      {
        'refarch.dev/tier': 'critical',
        'refarch.dev/declared.storage-encrypted': 'true',
        'refarch.dev/declared.encryption-key': 'cmk',
        'refarch.dev/declared.multi-az': 'true',
        'refarch.dev/declared.backup-retention': '35d',
        'refarch.dev/declared.pitr': 'true',
        'refarch.dev/declared.cross-region-backup': 'true',
      },
      [{ type: 'dependencyOf', targetRef: 'component:default/api' }],
    ),
    base('Resource', 'alerting', 'alerting', {
      'refarch.dev/declared.alert-channel-critical': 'chat',
    }),
    base('Resource', 'weak-env', 'environment', {
      'refarch.dev/cloudformation': './iac/environment.yaml',
      'refarch.dev/region': 'eu-central-1',
    }),
    base('Resource', 'escaping-env', 'environment', {
      'refarch.dev/cloudformation': '../../../../../etc/passwd',
    }),
  ];
}

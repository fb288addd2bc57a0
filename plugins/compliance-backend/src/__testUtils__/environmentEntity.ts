import { Entity } from '@backstage/catalog-model';
import path from 'path';

/**
 * An environment Resource of team-a whose catalog file is in `dir` and whose CloudFormation
 * template is `file` there.
 */
export function environmentEntity(
  name: string,
  dir: string,
  file: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          dir,
          'catalog-info.yaml',
        )}`,
        'refarch.dev/cloudformation': `./${file}`,
      },
    },
    spec: { type: 'environment', owner: 'group:default/team-a' },
    relations: [],
  };
}

import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DOMAIN,
  ANNOTATIONS,
  Cloud,
  cloudOfRegion,
} from '@refarch/backstage-plugin-compliance-common';

/**
 * The current entity's ref, whether it carries any `refarch.dev/*` annotation, and the
 * cloud its `refarch.dev/region` names (undefined when it names none).
 *
 * @internal
 */
export function useEntityRef(): {
  entityRef: string;
  annotated: boolean;
  cloud: Cloud | undefined;
} {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityRef: stringifyEntityRef(entity),
    annotated: Object.keys(annotations).some(key =>
      key.startsWith(`${ANNOTATION_DOMAIN}/`),
    ),
    cloud: cloudOfRegion(annotations[ANNOTATIONS.region]),
  };
}

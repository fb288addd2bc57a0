import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DOMAIN,
  Cloud,
  cloudOf,
  readComplianceAnnotations,
} from '@refarch/backstage-plugin-compliance-common';

/**
 * The current entity's ref, whether it carries any `refarch.dev/*` annotation, and the
 * cloud it runs on (`refarch.dev/platform`, else its region; undefined when neither says).
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
    cloud: cloudOf(readComplianceAnnotations(annotations)),
  };
}

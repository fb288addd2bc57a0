import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_DOMAIN } from '@refarch/backstage-plugin-compliance-common';

/**
 * The current entity's ref, and whether it carries any `refarch.dev/*` annotation.
 *
 * @internal
 */
export function useEntityRef(): { entityRef: string; annotated: boolean } {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityRef: stringifyEntityRef(entity),
    annotated: Object.keys(annotations).some(key =>
      key.startsWith(`${ANNOTATION_DOMAIN}/`),
    ),
  };
}

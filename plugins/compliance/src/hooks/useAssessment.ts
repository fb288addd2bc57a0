import { useApi } from '@backstage/frontend-plugin-api';
import { complianceApiRef } from '../api';
import { useEntityAsync } from './useEntityAsync';

/**
 * The latest assessment of an entity (undefined when not assessed yet). Re-runs when the
 * entity changes; `retry` reloads it, keeping the previous value while loading.
 *
 * @internal
 */
export function useAssessment(entityRef: string) {
  const api = useApi(complianceApiRef);
  return useEntityAsync(entityRef, () => api.getAssessment(entityRef), [api]);
}

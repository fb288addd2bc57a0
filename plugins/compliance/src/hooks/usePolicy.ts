import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../api';

/**
 * The policy in force, with per-control fleet counts.
 *
 * @internal
 */
export function usePolicy() {
  const api = useApi(complianceApiRef);
  return useAsync(() => api.getPolicy(), [api]);
}

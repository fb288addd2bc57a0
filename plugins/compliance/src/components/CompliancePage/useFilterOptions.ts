import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { GroupBy, complianceApiRef } from '../../api';
import { FleetFilterOptions } from '../FleetFilters';

const GROUPS: GroupBy[] = ['owner', 'system', 'domain', 'kind'];

/**
 * The values the owner / system / domain / kind filters offer: the groups of the whole fleet
 * (computed in SQL, so this stays small however many entities there are).
 *
 * @internal
 */
export function useFilterOptions(): FleetFilterOptions {
  const api = useApi(complianceApiRef);
  const { value } = useAsync(async () => {
    const [owner, system, domain, kind] = await Promise.all(
      GROUPS.map(g => api.getAggregates(g)),
    );
    const keys = (groups: Array<{ key: string }>) =>
      groups.map(g => g.key).sort();
    return {
      owner: keys(owner),
      system: keys(system),
      domain: keys(domain),
      kind: keys(kind),
    };
  }, [api]);
  return value ?? { owner: [], system: [], domain: [], kind: [] };
}

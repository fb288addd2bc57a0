import { useApi } from '@backstage/frontend-plugin-api';
import { complianceApiRef } from '../api';
import { useEntityAsync } from './useEntityAsync';

/** Kinds with a roll-up. @internal */
export const ROLL_UP_KINDS = ['system', 'domain', 'group'];

/**
 * The roll-up of a System, Domain or Group (undefined for other kinds, or before the first
 * pass). Re-runs when the entity changes.
 *
 * @internal
 */
export function useRollUp(entityRef: string) {
  const api = useApi(complianceApiRef);
  const kind = entityRef.split(':')[0];
  return useEntityAsync(
    entityRef,
    async () =>
      ROLL_UP_KINDS.includes(kind) ? api.getRollUp(entityRef) : undefined,
    [api],
  );
}

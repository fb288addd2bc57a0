import { useApi } from '@backstage/frontend-plugin-api';
import { DeployedStack } from '@refarch/backstage-plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { useEntityAsync } from '../../hooks/useEntityAsync';

/** The deployed stack of an entity, as `GET /v1/live/entities/...` serves it. @internal */
export type LiveStackView = DeployedStack;

/** Loads the entity's deployed stack; undefined when none is on record. @internal */
export function useLiveStack(entityRef: string, enabled: boolean) {
  const api = useApi(complianceApiRef);
  return useEntityAsync(
    entityRef,
    async (): Promise<DeployedStack | undefined> =>
      enabled ? api.getDeployedStack(entityRef) : undefined,
    [api, enabled],
  );
}

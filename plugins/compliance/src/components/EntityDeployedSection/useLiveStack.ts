import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityAsync } from '../../hooks/useEntityAsync';

/** The deployed stack of an entity, as `GET /v1/live/entities/...` serves it. @internal */
export interface LiveStackView {
  entityRef: string;
  stackArn: string;
  consoleUrl?: string;
  health?: string;
  driftStatus: string;
  snapshot?: {
    readAt: string;
    status?: string;
    statusReason?: string;
    lastUpdatedAt?: string;
    createdAt?: string;
    terminationProtection?: boolean;
    rollbackTriggers?: number;
    parameters?: Array<{ key: string; value: string }>;
    lastFailure?: {
      logicalId?: string;
      status: string;
      reason?: string;
      at: string;
    };
    error?: { code: string; message: string };
  };
  drift?: {
    checkedAt: string;
    status: string;
    error?: { code: string; message: string };
    resources: Array<{
      logicalId: string;
      resourceType: string;
      status: string;
      differences: Array<{
        path: string;
        expected: string;
        actual: string;
        type: string;
      }>;
    }>;
  };
}

/** Loads the entity's deployed stack; undefined when none is on record. @internal */
export function useLiveStack(entityRef: string, enabled: boolean) {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useEntityAsync(
    entityRef,
    async (): Promise<LiveStackView | undefined> => {
      if (!enabled) return undefined;
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const base = await discovery.getBaseUrl('compliance');
      const res = await fetchApi.fetch(
        `${base}/v1/live/entities/${encodeURIComponent(
          kind,
        )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
      );
      if (res.status === 404) return undefined;
      if (!res.ok) throw await ResponseError.fromResponse(res);
      return res.json();
    },
    [discovery, fetchApi, enabled],
  );
}

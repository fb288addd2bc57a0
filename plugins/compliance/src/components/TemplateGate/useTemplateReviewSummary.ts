import { useApi } from '@backstage/frontend-plugin-api';
import type { TemplateReviewSummary } from '@refarch/backstage-plugin-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import { ComplianceApi, complianceApiRef } from '../../api';

const TTL_MS = 10_000;
const cache = new WeakMap<
  ComplianceApi,
  { at: number; list: Promise<TemplateReviewSummary[]> }
>();

/**
 * Every template's review summary, shared for a few seconds: the template list renders one
 * card per template and each asks, so they share one request.
 *
 * @internal
 */
export function listTemplateReviewsShared(
  api: ComplianceApi,
): Promise<TemplateReviewSummary[]> {
  const hit = cache.get(api);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
  const list = api.listTemplateReviews();
  cache.set(api, { at: Date.now(), list });
  // A failed request is not kept: the next card asks again.
  list.catch(() => cache.delete(api));
  return list;
}

/** `template:default/aws-service` in the form the API returns (lower-case kind). */
export function normalTemplateRef(namespace: string, name: string): string {
  return `template:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** One template's review summary (undefined while loading or when the API does not know it). */
export function useTemplateReviewSummary(templateRef: string | undefined) {
  const api = useApi(complianceApiRef);
  return useAsync(async () => {
    if (!templateRef) return undefined;
    const items = await listTemplateReviewsShared(api);
    return items.find(
      s => s.templateRef.toLocaleLowerCase('en-US') === templateRef,
    );
  }, [api, templateRef]);
}

import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * Like useAsyncRetry, keyed by entity ref: it re-runs when the entity changes and never
 * hands out the previous entity's value while the next one loads. Within one entity the
 * value stays while reloading, so a refresh after a post does not blank the page.
 *
 * @internal
 */
export function useEntityAsync<T>(
  entityRef: string,
  fn: () => Promise<T>,
  deps: DependencyList,
) {
  const state = useAsyncRetry(
    async () => ({ entityRef, value: await fn() }),
    [entityRef, ...deps],
  );
  const stale = !!state.value && state.value.entityRef !== entityRef;
  return {
    loading: state.loading || stale,
    error: stale ? undefined : state.error,
    value: stale ? undefined : state.value?.value,
    retry: state.retry,
  };
}

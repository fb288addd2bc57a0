import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import type { EntityFilterQuery } from './entityPickerFilter';

/** An entity as the picker offers it: its ref (the value) and the name people know it by. */
export type EntityOption = { ref: string; title: string };

/** @internal */
export function entityOption(entity: Entity): EntityOption {
  return {
    ref: stringifyEntityRef(entity),
    title: entity.metadata.title || entity.metadata.name,
  };
}

/** How many matches the list shows: enough to choose from, small enough to answer at once. */
export const SEARCH_LIMIT = 20;
/** The pause after the last key before the catalog is asked. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The catalog's entities matching `query` in their name or title (the catalog searches,
 * not the browser: a name finds the entity whatever its title), within `filter` (the same
 * object while the filter is the same: a new one asks again), asked
 * `SEARCH_DEBOUNCE_MS` after the last change and only while the list is `open`.
 * `term` is the query the answer is for; `loading` also covers the pause, during which
 * there are no options.
 *
 * @internal
 */
export function useEntitySearch(options: {
  query: string;
  filter?: EntityFilterQuery;
  open: boolean;
}) {
  const { query, filter, open } = options;
  const catalogApi = useApi(catalogApiRef);
  const [term, setTerm] = useState(query.trim());
  useDebounce(() => setTerm(query.trim()), SEARCH_DEBOUNCE_MS, [query]);
  const search = useAsync(async () => {
    if (!open) return undefined;
    const response = await catalogApi.queryEntities({
      filter,
      fullTextFilter: { term, fields: ['metadata.name', 'metadata.title'] },
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
      limit: SEARCH_LIMIT,
    });
    return response.items.map(entityOption);
  }, [catalogApi, filter, term, open]);
  const loading = open && (search.loading || term !== query.trim());
  return {
    // Only the answer for what the box says: no earlier term's matches to pick by mistake.
    options: (!loading && search.value) || [],
    term,
    loading,
    error: search.error,
  };
}

import {
  CATALOG_FILTER_EXISTS,
  type CatalogApi,
} from '@backstage/plugin-catalog-react';

/** The catalog filter of a catalog query (`filter` of queryEntities). */
export type EntityFilterQuery = NonNullable<
  Extract<
    Parameters<CatalogApi['queryEntities']>[0],
    { filter?: unknown }
  >['filter']
>;

/** A template's filter value: a string, a list of them, or `{ exists: true }`. */
type FilterValue = string | string[] | { exists: boolean };

/**
 * The `ui:options` of the entity picker, as the stock `EntityPicker` reads them:
 * `catalogFilter` (one filter or a list, any of which matches), the older `allowedKinds`, and
 * the defaults that complete a short-form value (`platform-engineering`).
 *
 * @public
 */
export type EntityPickerUiOptions = {
  catalogFilter?: Record<string, FilterValue> | Record<string, FilterValue>[];
  allowedKinds?: string[];
  defaultKind?: string;
  defaultNamespace?: string;
};

function toQuery(filter: Record<string, FilterValue>) {
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => [
      key,
      typeof value === 'object' && !Array.isArray(value)
        ? CATALOG_FILTER_EXISTS
        : value,
    ]),
  );
}

/**
 * What the picker searches in, from its `ui:options`: the catalog filter, the kinds it names
 * as the template writes them (`Group`, for "No Group named or titled …"), and the kind that
 * completes a short-form value (`defaultKind`, else the filter's only kind).
 *
 * @internal
 */
export function entityPickerFilter(options: EntityPickerUiOptions = {}): {
  filter?: EntityFilterQuery;
  kinds: string[];
  defaultKind?: string;
  defaultNamespace?: string;
} {
  const raw =
    options.catalogFilter ??
    (options.allowedKinds ? { kind: options.allowedKinds } : undefined);
  const filters = raw ? [raw].flat() : [];
  const kinds = [
    ...new Set(
      filters.flatMap(f =>
        Object.entries(f)
          .filter(([key]) => key.toLocaleLowerCase('en-US') === 'kind')
          .flatMap(([, value]) =>
            typeof value === 'string' || Array.isArray(value) ? [value] : [],
          )
          .flat(),
      ),
    ),
  ];
  return {
    filter: filters.length
      ? (filters.map(toQuery) as EntityFilterQuery)
      : undefined,
    kinds,
    defaultKind:
      options.defaultKind ?? (kinds.length === 1 ? kinds[0] : undefined),
    defaultNamespace: options.defaultNamespace || undefined,
  };
}

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FLEET_LIST_FILTER_KEYS } from '@refarch/backstage-plugin-compliance-common';
import { FleetFilter, FleetOrder } from '../../api';

/** @internal */
export const PAGE_SIZE = 50;

const LIST_KEYS = FLEET_LIST_FILTER_KEYS;
const ORDERS: FleetOrder[] = ['score', 'name', 'evaluatedAt'];

/** @internal */
export type FleetGrouping = 'none' | 'owner' | 'system';

/** @internal */
export type FleetView = 'entities' | 'controls';

/** @internal */
export interface FleetQuery {
  filter: FleetFilter;
  /** Stable while the filter is unchanged; use it in dependency arrays. */
  filterKey: string;
  /** Zero-based. */
  page: number;
  orderBy: FleetOrder;
  groupBy: FleetGrouping;
  view: FleetView;
}

/** @internal */
export type FleetQueryPatch = Partial<
  Record<
    keyof FleetFilter | 'page' | 'orderBy' | 'groupBy' | 'view',
    string | string[] | undefined
  >
>;

function parse(params: URLSearchParams): Omit<FleetQuery, 'filterKey'> {
  const filter: FleetFilter = {};
  for (const key of LIST_KEYS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) (filter as Record<string, string[]>)[key] = values;
  }
  const control = params.get('control');
  if (control) filter.control = control;
  const search = params.get('search');
  if (search) filter.search = search;
  const orderBy = params.get('orderBy') as FleetOrder;
  const groupBy = params.get('groupBy');
  return {
    filter,
    page: Math.max(0, Number(params.get('page') ?? 1) - 1) || 0,
    orderBy: ORDERS.includes(orderBy) ? orderBy : 'score',
    groupBy: groupBy === 'owner' || groupBy === 'system' ? groupBy : 'none',
    view: params.get('view') === 'controls' ? 'controls' : 'entities',
  };
}

/**
 * The fleet page's filters, page, order, grouping and tab, kept in the URL query string so
 * that views can be shared and survive reloads.
 *
 * @internal
 */
export function useFleetQuery(): [
  FleetQuery,
  (patch: FleetQueryPatch) => void,
] {
  const [params, setParams] = useSearchParams();
  const raw = params.toString();
  const query = useMemo(() => {
    const parsed = parse(new URLSearchParams(raw));
    return { ...parsed, filterKey: JSON.stringify(parsed.filter) };
  }, [raw]);

  const update = useCallback(
    (patch: FleetQueryPatch) => {
      setParams(
        prev => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            next.delete(key);
            for (const v of Array.isArray(value) ? value : [value]) {
              if (v !== undefined && v !== '') next.append(key, v);
            }
          }
          // Any change but paging starts again at the first page.
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [query, update];
}

import { useApi } from '@backstage/frontend-plugin-api';
import { useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api';
import { AssessmentSummary } from '../../api/types';
import { FleetQuery, PAGE_SIZE } from './useFleetQuery';

/** What paging learnt about one filter and order: where each page starts, how many rows. */
interface Pages {
  cursors: Map<number, string>;
  totalCount?: number;
}

/**
 * One server-side page of the fleet. A page reached by "next" from the one before starts at
 * that page's cursor (keyset paging: an indexed seek however deep the page); the first page,
 * and a page opened from a link or reached otherwise, is read by offset, which also answers
 * the total that cursor pages leave out (the total is kept per filter and order).
 *
 * @internal
 */
export function useFleetPage(query: FleetQuery) {
  const { filter, filterKey, page, orderBy } = query;
  const api = useApi(complianceApiRef);
  const known = useRef(new Map<string, Pages>());
  const key = JSON.stringify([filterKey, orderBy]);

  return useAsync(async (): Promise<{
    items: AssessmentSummary[];
    totalCount: number;
  }> => {
    let pages = known.current.get(key);
    if (!pages) {
      pages = { cursors: new Map() };
      known.current.set(key, pages);
    }
    const cursor = page > 0 ? pages.cursors.get(page) : undefined;
    const result = await api.listAssessments(
      filter,
      cursor
        ? { limit: PAGE_SIZE, offset: 0, cursor, orderBy }
        : { limit: PAGE_SIZE, offset: page * PAGE_SIZE, orderBy },
    );
    if (result.nextCursor) pages.cursors.set(page + 1, result.nextCursor);
    if (result.totalCount !== undefined) pages.totalCount = result.totalCount;
    return {
      items: result.items,
      totalCount: pages.totalCount ?? page * PAGE_SIZE + result.items.length,
    };
  }, [api, key, page]);
}

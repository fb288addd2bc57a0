import { Knex } from 'knex';
import { FleetFilter } from './types';
import { whereControl } from './controlResults';

/**
 * The stored assessments that match `filter`, as a query to select from (alias `a`).
 * `visible`: only these entities (a caller with conditional catalog read access).
 *
 * @internal
 */
export function filteredAssessments(
  knex: Knex,
  filter: FleetFilter,
  visible?: string[],
): Knex.QueryBuilder {
  const q = knex('compliance_assessments as a');
  const inList = (column: string, values?: string[]) => {
    if (values?.length) q.whereIn(column, values);
  };
  if (visible) q.whereIn('a.entity_ref', visible.length ? visible : ['']);
  inList('a.owner', filter.owner);
  if (filter.system?.length)
    // A System belongs to its own group: its own assessment and its members'.
    q.where(w =>
      w
        .whereIn('a.system', filter.system!)
        .orWhere(s =>
          s.where('a.kind', 'system').whereIn('a.entity_ref', filter.system!),
        ),
    );
  inList('a.domain', filter.domain);
  inList(
    'a.kind',
    filter.kind?.map(k => k.toLocaleLowerCase('en-US')),
  );
  inList('a.status', filter.status);
  inList('a.dr_status', filter.drStatus);
  inList('a.drift_status', filter.drift);
  if (filter.framework?.length) {
    q.whereIn(
      'a.entity_ref',
      knex('compliance_entity_frameworks')
        .select('entity_ref')
        .whereIn('framework', filter.framework),
    );
  }
  if (filter.control)
    whereControl(
      q,
      knex,
      filter.control,
      filter.controlStatus?.length ? filter.controlStatus : ['fail'],
    );
  if (filter.search)
    q.whereRaw('lower(a.name) like ?', [
      `%${filter.search.toLocaleLowerCase('en-US').replace(/[%_]/g, '')}%`,
    ]);
  return q;
}

/** How many stored assessments match `filter`, counted in SQL. @internal */
export async function countAssessments(
  knex: Knex,
  filter: FleetFilter,
): Promise<number> {
  const row: { n?: string | number } | undefined = await filteredAssessments(
    knex,
    filter,
  )
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

import { InputError } from '@backstage/errors';

/** The sorts of the fleet list, each a keyset over an indexed column and `entity_ref`. @internal */
export const FLEET_ORDERS = {
  score: { column: 'score_order', direction: 'asc' },
  name: { column: 'name', direction: 'asc' },
  evaluatedAt: { column: 'evaluated_at', direction: 'desc' },
} as const;

/** @internal */
export type FleetOrderBy = keyof typeof FLEET_ORDERS;

/** Where a page ended: the sort, the last row's sort value and its ref. @internal */
export interface FleetCursor {
  orderBy: FleetOrderBy;
  value: string | number;
  entityRef: string;
}

/** @internal */
export function encodeFleetCursor(cursor: FleetCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.orderBy, cursor.value, cursor.entityRef]),
  ).toString('base64url');
}

/**
 * Reads a cursor this API returned; anything else (edited, truncated, or from another sort)
 * is an InputError that says so.
 *
 * @internal
 */
export function decodeFleetCursor(
  text: string,
  orderBy: FleetOrderBy,
): FleetCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !(parsed[0] in FLEET_ORDERS) ||
    !['string', 'number'].includes(typeof parsed[1]) ||
    typeof parsed[2] !== 'string'
  )
    throw new InputError(
      'cursor is not a cursor returned by this API (pass the nextCursor of the previous page unchanged)',
    );
  if (parsed[0] !== orderBy)
    throw new InputError(
      `cursor belongs to orderBy=${parsed[0]}, not orderBy=${orderBy}; start again without a cursor when changing the sort`,
    );
  return { orderBy, value: parsed[1], entityRef: parsed[2] };
}

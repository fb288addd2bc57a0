import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ASSESSED_KINDS } from './entityInputs';

/*
 * Checks of API input that the OpenAPI schema cannot express. Each throws an InputError (400)
 * that names the field, so a hostile or careless value never reaches the database or the
 * catalog client, whose errors would be 500s carrying server paths.
 */

/** An entity reference written in full (`kind:namespace/name` or `kind:name`). @internal */
export function entityRefInput(
  value: string,
  field: string,
  options: { defaultKind?: string } = {},
): CompoundEntityRef {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, {
      defaultKind: options.defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `${field} "${value}" is not an entity reference; write kind:namespace/name, e.g. component:default/api`,
    );
  }
  const part = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
  if (![ref.kind, ref.namespace, ref.name].every(p => part.test(p)))
    throw new InputError(
      `${field} "${value}" is not an entity reference; write kind:namespace/name, e.g. component:default/api`,
    );
  return ref;
}

/** The entity kinds that have an assessment, and so waivers and evidence. @internal */
export function assessedEntityRef(value: string, field: string): string {
  const ref = entityRefInput(value, field);
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!ASSESSED_KINDS.some(k => k.toLocaleLowerCase('en-US') === kind))
    throw new InputError(
      `${field} "${value}": ${
        ref.kind
      } entities are not assessed, so they have no waivers or evidence; only ${ASSESSED_KINDS.join(
        ', ',
      )} do`,
    );
  return stringifyEntityRef(ref);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * An RFC 3339 date-time that exists: `2026-02-30T00:00:00Z` is refused rather than stored
 * as 2 March, as `Date.parse` would. @internal
 */
export function dateTimeInput(value: string, field: string): number {
  const m = DATE_TIME.exec(value);
  const bad = () =>
    new InputError(
      `${field} "${value}" is not a valid date-time; write e.g. 2026-03-31T12:00:00Z`,
    );
  if (!m) throw bad();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59))
  )
    throw bad();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw bad();
  return time;
}

/** Links shown to people: http(s) only, never `javascript:`, `file:` or `data:`. @internal */
export function linkInput(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${field} "${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(
      `${field} must be an http or https URL, not ${url.protocol}`,
    );
  return value;
}

/**
 * Refuses control characters in request strings (NUL is rejected by PostgreSQL text columns,
 * the others have no place in a justification or a summary); tab and newlines stay allowed.
 * Returns the path of the first offending value, e.g. `body.summary`. @internal
 */
export function findControlCharacter(
  value: unknown,
  at: string,
  depth = 0,
): string | undefined {
  if (typeof value === 'string')
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)
      ? at
      : undefined;
  if (depth > 32 || value === null || typeof value !== 'object')
    return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found =
      findControlCharacter(key, `${at}.${key}`, depth + 1) ??
      findControlCharacter(item, `${at}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

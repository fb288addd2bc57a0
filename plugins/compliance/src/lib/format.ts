import { ResponseError } from '@backstage/errors';
import { formatDuration } from '@refarch/backstage-plugin-compliance-common';

/**
 * How long ago an ISO timestamp was, in the engine's duration notation: `3h ago`.
 *
 * @internal
 */
export function formatAge(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(
    0,
    Math.round((now.getTime() - new Date(iso).getTime()) / 1000),
  );
  if (seconds < 60) return 'just now';
  return `${formatElapsed(seconds)} ago`;
}

/**
 * An elapsed time; past a day in whole days (`215d`, not `215.3d`).
 *
 * @internal
 */
export function formatElapsed(seconds: number): string {
  return formatDuration(
    seconds >= 86400
      ? Math.round(seconds / 86400) * 86400
      : Math.round(seconds),
  );
}

/**
 * A timestamp as a reader sees it: `4 May 2026, 09:30`.
 *
 * @internal
 */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** @internal */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/**
 * The message to show for a failed request: the backend's own message when there is one.
 *
 * @internal
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message || error.message;
  return error instanceof Error ? error.message : String(error);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as the value of an `<input type="datetime-local">` (local time, minutes).
 *
 * @internal
 */
export function toDateTimeLocal(date: Date): string {
  return `${toDateInput(date)}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}`;
}

/**
 * A date as the value of an `<input type="date">` (local calendar day).
 *
 * @internal
 */
export function toDateInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/**
 * A short form of an entity ref for tables and options: `team-a` for `group:default/team-a`.
 *
 * @internal
 */
export function shortRef(ref: string): string {
  const match = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) return ref;
  const [, , namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}

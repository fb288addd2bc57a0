/**
 * Why a template was rejected.
 *
 * @public
 */
export type TemplateErrorCode =
  | 'too-large'
  | 'alias-limit'
  | 'too-deep'
  | 'unknown-tag'
  | 'syntax'
  | 'not-cloudformation'
  | 'nested-not-found'
  | 'path-escape'
  | 'work-limit';

/**
 * A template that cannot be analysed. The message is meant for a person: it
 * names the file when known, and the limit and the value found when a limit
 * was exceeded.
 *
 * @public
 */
export class TemplateError extends Error {
  constructor(readonly code: TemplateErrorCode, message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * Whether an error is a {@link TemplateError}, optionally of a given code.
 *
 * @public
 */
export function isTemplateError(
  e: unknown,
  code?: TemplateErrorCode,
): e is TemplateError {
  return e instanceof TemplateError && (code === undefined || e.code === code);
}

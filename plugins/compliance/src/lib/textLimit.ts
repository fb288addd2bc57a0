/**
 * A text field's length rule as the reader sees it: a counter (`120 / 2000`) and the error
 * to show under the field. Limits are checked and reported, never enforced by cutting what
 * someone typed or pasted.
 *
 * @internal
 */
export function textLimit(
  value: string,
  limits: { min?: number; max: number },
): { counter: string; error?: string } {
  const length = value.trim().length;
  const counter = `${value.length} / ${limits.max}`;
  if (value.length > limits.max)
    return {
      counter,
      error: `${value.length - limits.max} characters too long: at most ${
        limits.max
      }`,
    };
  if (limits.min !== undefined && length < limits.min)
    return {
      counter,
      error:
        length === 0
          ? `Required: at least ${limits.min} characters`
          : `Too short: at least ${limits.min} characters (${length} so far)`,
    };
  return { counter };
}

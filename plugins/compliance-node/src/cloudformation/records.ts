/**
 * Whether a value is a mapping (not a list, not null, not one of the resolved
 * value classes).
 *
 * @internal
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return false;
  }
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Own-property lookup: template keys such as `constructor` or `__proto__`
 * must never reach `Object.prototype`.
 *
 * @internal
 */
export function hasOwn(record: object | undefined, key: string): boolean {
  return (
    record !== undefined && Object.prototype.hasOwnProperty.call(record, key)
  );
}

/**
 * Sets an own property, even for the key `__proto__`, whose plain assignment
 * would replace the object's prototype instead.
 *
 * @internal
 */
export function setOwn(
  record: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    record[key] = value;
  }
}

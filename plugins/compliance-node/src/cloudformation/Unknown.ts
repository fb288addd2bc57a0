/**
 * A value that cannot be known statically: an unresolvable intrinsic, a
 * parameter without a value, a condition that depends on one. Controls must
 * treat it as "cannot tell", never as a pass or a failure.
 *
 * @public
 */
export class Unknown {
  constructor(readonly reason: string) {}

  toString(): string {
    return `<unknown: ${this.reason}>`;
  }
}

/**
 * Whether a resolved value is an {@link Unknown}.
 *
 * @public
 */
export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/**
 * A value that cannot be known statically: an unresolvable intrinsic, a
 * parameter without a value, a condition that depends on one. Controls must
 * treat it as "cannot tell", never as a pass or a failure.
 *
 * @public
 */
export class Unknown {
  /**
   * @param reason - why the value cannot be known, naming the parameter, resource or
   *   pseudo parameter it depends on
   * @param expression - the template expression (`{ "Fn::Sub": … }`) whose value this is,
   *   when it builds a string: controls compare it (a bucket policy's `Bucket` written
   *   exactly as the bucket's `BucketName`) and look into it (a dynamic reference in `!Sub`)
   */
  constructor(readonly reason: string, readonly expression?: unknown) {}

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

/** The intrinsics whose unresolved value keeps its expression (see {@link Unknown.expression}). */
const STRING_BUILDERS = new Set(['Fn::Sub', 'Fn::Join']);

/**
 * The resolved value of an intrinsic: an Unknown from a string-building intrinsic gets
 * that intrinsic as its expression (others keep their identity: a `Ref` to a parameter
 * is the parameter's own Unknown).
 *
 * @internal
 */
export function withExpression(
  value: unknown,
  name: string,
  expression: Record<string, unknown>,
): unknown {
  if (
    !STRING_BUILDERS.has(name) ||
    !isUnknown(value) ||
    value.expression !== undefined
  )
    return value;
  return new Unknown(value.reason, expression);
}

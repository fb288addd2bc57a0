/**
 * The result of `Ref` to a resource or `Fn::GetAtt` on a resource of the same
 * template: which resource, which attribute. The physical value only exists
 * once deployed, but which resource it designates is known, and controls can
 * follow it (e.g. from a bucket to the KMS key that encrypts it).
 *
 * `logicalId` is the one of the referenced resource in
 * {@link ResolvedTemplate.resources}, so resources of nested stacks are
 * designated as `Parent/Child`.
 *
 * @public
 */
export class ResourceReference {
  constructor(readonly logicalId: string, readonly attribute?: string) {}

  toString(): string {
    return this.attribute
      ? `<${this.logicalId}.${this.attribute}>`
      : `<${this.logicalId}>`;
  }
}

/**
 * Whether a resolved value is a {@link ResourceReference}.
 *
 * @public
 */
export function isResourceReference(v: unknown): v is ResourceReference {
  return v instanceof ResourceReference;
}

/**
 * An intrinsic as written (`Fn::Cidr [!GetAtt Vpc.CidrBlock, 6, 8]`), shortened, for reasons.
 *
 * @internal
 */
export function intrinsicText(name: string, arg: unknown): string {
  const text = JSON.stringify(arg) ?? '';
  return `${name} ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`;
}

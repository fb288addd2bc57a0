import type { IntrinsicScope } from './IntrinsicScope';
import { asText } from '../asText';
import { isUnknown, Unknown } from '../Unknown';
import { intrinsicText } from './intrinsicText';

/** The intrinsics whose value is known only when deployed, or that are not computed. */
type UnevaluatedIntrinsic =
  | 'Fn::GetAZs'
  | 'Fn::ImportValue'
  | 'Fn::Cidr'
  | 'Fn::Transform'
  | 'Fn::ToJsonString';

/**
 * Fn::GetAZs, Fn::ImportValue, Fn::Cidr, Fn::Transform and Fn::ToJsonString: an Unknown
 * saying why the value cannot be known from the template.
 *
 * @internal
 */
export function unevaluated(
  scope: IntrinsicScope,
  name: UnevaluatedIntrinsic,
  arg: unknown,
  depth: number,
): Unknown {
  switch (name) {
    case 'Fn::GetAZs':
      return new Unknown(
        'the Availability Zones of a region (Fn::GetAZs) are known only when deployed',
      );
    case 'Fn::ImportValue': {
      const exported = asText(scope.resolve(arg, depth), name);
      return new Unknown(
        `Fn::ImportValue reads ${
          isUnknown(exported) ? 'an export' : `export ${exported}`
        } of another stack`,
      );
    }
    case 'Fn::Cidr':
      return new Unknown(`${intrinsicText(name, arg)} is not computed`);
    case 'Fn::Transform':
      return new Unknown(
        `${intrinsicText(name, arg)} runs a macro when deployed`,
      );
    default: // Fn::ToJsonString
      return new Unknown(`${intrinsicText(name, arg)} is not evaluated`);
  }
}

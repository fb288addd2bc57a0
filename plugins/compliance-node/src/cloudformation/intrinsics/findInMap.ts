import type { IntrinsicScope } from './IntrinsicScope';
import { asText } from '../asText';
import { deepEqual } from '../deepEqual';
import { hasOwn, isRecord } from '../records';
import { isUnknown, Unknown } from '../Unknown';

/**
 * Fn::FindInMap: an entry of the template's Mappings (with the DefaultValue of
 * AWS::LanguageExtensions); an unknown top-level key matters only if the entries differ.
 *
 * @internal
 */
export function findInMap(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  if (!Array.isArray(arg) || arg.length < 3 || arg.length > 4) {
    return new Unknown(
      'Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey]',
    );
  }
  const mapName = asText(scope.resolve(arg[0], depth), 'Fn::FindInMap');
  if (isUnknown(mapName)) {
    return mapName;
  }
  const mappings = scope.mappings;
  const mapping = hasOwn(mappings, mapName) ? mappings![mapName] : undefined;
  if (!isRecord(mapping)) {
    return new Unknown(`mapping ${mapName} is not declared`);
  }
  // The DefaultValue option of the AWS::LanguageExtensions transform.
  const options = arg[3];
  const hasDefault = isRecord(options) && 'DefaultValue' in options;
  const lookup = (top: string, second: string): unknown => {
    const entry = hasOwn(mapping, top) ? mapping[top] : undefined;
    if (isRecord(entry) && hasOwn(entry, second)) {
      return entry[second];
    }
    return hasDefault ? scope.resolve(options.DefaultValue, depth) : undefined;
  };
  const top = asText(scope.resolve(arg[1], depth), 'Fn::FindInMap');
  const second = asText(scope.resolve(arg[2], depth), 'Fn::FindInMap');
  if (isUnknown(second)) {
    return second;
  }
  if (!isUnknown(top)) {
    const value = lookup(top, second);
    return value !== undefined
      ? value
      : new Unknown(`mapping ${mapName} has no entry ${top}/${second}`);
  }
  // An unknown top-level key (often the region) matters only if the entries differ.
  const keys = Object.keys(mapping);
  scope.budget.step('Fn::FindInMap', keys.length);
  const candidates = keys.map(key => lookup(key, second));
  if (
    candidates.length > 0 &&
    candidates[0] !== undefined &&
    candidates.every(candidate => deepEqual(candidate, candidates[0]))
  ) {
    return candidates[0];
  }
  return new Unknown(
    `the key into mapping ${mapName} is unknown: ${top.reason}`,
  );
}

import { CollectionTag, Pair, ScalarTag, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * Directives of the `rain pkg` pre-processor (https://github.com/aws-cloudformation/rain),
 * which a template carries until it is packaged. In JSON they are plain keys
 * (`{"Rain::Embed": "file.txt"}`); in YAML they are tags, read as the same key so that both
 * forms of a template are analysed alike. The values they produce are only known once
 * packaged, so the resolver reports them as unknown.
 *
 * @internal
 */
export const PREPROCESSOR_DIRECTIVES = [
  'Rain::Embed',
  'Rain::Include',
  'Rain::Env',
  'Rain::S3Http',
  'Rain::S3',
  'Rain::Module',
  'Rain::Constant',
];

/**
 * CloudFormation's short-form intrinsics, by the name after `!`.
 *
 * @internal
 */
export const SHORT_FORMS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Condition',
  'Transform',
  'Length',
  'ToJsonString',
  // Rule-specific intrinsics, used in a template's Rules section:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/rules-section-structure.html
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  ...PREPROCESSOR_DIRECTIVES,
];

/**
 * `Ref` and `Condition` keep their name in the long form; the others are `Fn::…`.
 *
 * @internal
 */
export function longName(shortName: string): string {
  return shortName === 'Ref' ||
    shortName === 'Condition' ||
    shortName.includes('::')
    ? shortName
    : `Fn::${shortName}`;
}

/**
 * Only these take a single name, so a sequence or mapping after them is a mistake.
 *
 * @internal
 */
export const SCALAR_ONLY = new Set(['Ref', 'Condition']);

function scalarTag(shortName: string): ScalarTag {
  const name = longName(shortName);
  return {
    tag: `!${shortName}`,
    resolve(value, onError) {
      if (shortName === 'GetAtt') {
        // Attribute names may contain dots (Outputs.VpcId), logical ids cannot.
        const dot = value.indexOf('.');
        if (dot <= 0 || dot === value.length - 1) {
          onError(`!GetAtt expects Resource.Attribute, got "${value}"`);
          return { [name]: [value] };
        }
        return { [name]: [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [name]: value };
    },
  };
}

function collectionTag(
  shortName: string,
  collection: 'seq' | 'map',
): CollectionTag {
  const name = longName(shortName);
  return {
    tag: `!${shortName}`,
    collection,
    resolve(value: YAMLMap.Parsed | YAMLSeq.Parsed, onError) {
      if (SCALAR_ONLY.has(shortName)) {
        onError(`!${shortName} expects a name, not a ${collection}`);
      }
      // Wrap the node rather than converting it to JS here: conversion must
      // happen in Document#toJS, where aliases are counted against the limit.
      const wrapper = new YAMLMap();
      wrapper.items.push(new Pair(new Scalar(name), value));
      return wrapper;
    },
  };
}

/**
 * The YAML tags of CloudFormation's short-form intrinsics, each producing the
 * long form (`!Ref X` → `{ Ref: X }`, `!If [...]` → `{ 'Fn::If': [...] }`).
 * Every tag accepts a scalar, a sequence and a mapping so that nesting long
 * forms (`!Base64 { 'Fn::Sub': ... }`) works; the resolver checks arguments.
 *
 * @internal
 */
export const cloudFormationTags: Array<ScalarTag | CollectionTag> =
  SHORT_FORMS.flatMap(shortName => [
    scalarTag(shortName),
    collectionTag(shortName, 'seq'),
    collectionTag(shortName, 'map'),
  ]);

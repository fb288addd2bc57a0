import { CollectionTag, Pair, ScalarTag, Scalar, YAMLMap, YAMLSeq } from 'yaml';

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
];

/**
 * `Ref` and `Condition` keep their name in the long form; the others are `Fn::…`.
 *
 * @internal
 */
export function longName(shortName: string): string {
  return shortName === 'Ref' || shortName === 'Condition'
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

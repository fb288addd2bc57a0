import { CollectionTag, Pair, ScalarTag, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { SCALAR_ONLY, SHORT_FORMS, longName } from '../shortForms';

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
 * For the `yaml` library, the reference reader the tests compare readYaml with: the YAML tags
 * of CloudFormation's short-form intrinsics, each producing the
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

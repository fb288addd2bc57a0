import { FAILSAFE_SCHEMA, Schema, Type } from 'js-yaml';
import { SCALAR_ONLY, SHORT_FORMS, longName } from './shortForms';

/** YAML 1.2 core schema scalars (js-yaml's own are YAML 1.1's, laxer: `0b1`, `1_000`). */
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Whether a plain scalar may be a number at all: most are words, rejected on their first character. */
function mayBeNumber(data: string): boolean {
  const c = data.charCodeAt(0);
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e // 0-9 + - .
  );
}

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data === null ||
    data === '' ||
    data === '~' ||
    data === 'null' ||
    data === 'Null' ||
    data === 'NULL',
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data === 'true' ||
    data === 'True' ||
    data === 'TRUE' ||
    data === 'false' ||
    data === 'False' ||
    data === 'FALSE',
  construct: (data: string) =>
    data.charCodeAt(0) === 0x74 || data === 'True' || data === 'TRUE',
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null &&
    mayBeNumber(data) &&
    (INT.test(data) || INT_OCT.test(data) || INT_HEX.test(data)),
  construct: (data: string) => {
    if (data.startsWith('0o')) {
      return parseInt(data.slice(2), 8);
    }
    if (data.startsWith('0x')) {
      return parseInt(data.slice(2), 16);
    }
    return parseInt(data, 10);
  },
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null &&
    mayBeNumber(data) &&
    (FLOAT.test(data) || FLOAT_EXP.test(data) || FLOAT_SPECIAL.test(data)),
  construct: (data: string) => {
    if (FLOAT_SPECIAL.test(data)) {
      if (data.slice(-3).toLowerCase() === 'nan') {
        return NaN;
      }
      return data[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
    }
    return parseFloat(data);
  },
});

/** `<<`, a merge key: js-yaml merges the mappings of a key with this tag. */
const mergeType = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '<<',
});

/** `!GetAtt Resource.Attribute`: attribute names may contain dots (Outputs.VpcId), logical ids cannot. */
function isGetAttName(data: string | null): boolean {
  const dot = data === null ? -1 : data.indexOf('.');
  return dot > 0 && dot < (data ?? '').length - 1;
}

function shortFormTypes(): Type[] {
  const result: Type[] = [];
  for (const shortName of SHORT_FORMS) {
    const name = longName(shortName);
    const tag = `!${shortName}`;
    result.push(
      new Type(tag, {
        kind: 'scalar',
        resolve:
          shortName === 'GetAtt'
            ? isGetAttName
            : (data: string | null) => data !== null,
        construct:
          shortName === 'GetAtt'
            ? (data: string) => {
                const dot = data.indexOf('.');
                return { [name]: [data.slice(0, dot), data.slice(dot + 1)] };
              }
            : (data: string) => ({ [name]: data }),
      }),
    );
    if (!SCALAR_ONLY.has(shortName)) {
      for (const kind of ['sequence', 'mapping'] as const) {
        result.push(
          new Type(tag, {
            kind,
            resolve: (data: unknown) => data !== null,
            construct: (data: unknown) => ({ [name]: data }),
          }),
        );
      }
    }
  }
  return result;
}

/**
 * What a CloudFormation template's YAML may hold: strings, sequences and mappings, the YAML 1.2
 * core schema's scalars whatever a `%YAML` directive says (so `yes` and `1:20` stay strings, as
 * CloudFormation reads them), `<<` merge keys (which `aws cloudformation package` expands), and
 * the short-form intrinsics, each read as its long form (`!Ref X` → `{ Ref: X }`,
 * `!If [...]` → `{ 'Fn::If': [...] }`). Any other tag (`!!js/function`, `!!binary`, `!Foo`) is
 * an error.
 *
 * @internal
 */
export const cloudFormationSchema: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, mergeType],
  explicit: shortFormTypes(),
});

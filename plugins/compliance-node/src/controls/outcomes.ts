import {
  FACTS,
  Fact,
  FactId,
  ResourceLocation,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { ResolvedResource, Unknown, isUnknown } from '../cloudformation';
import { CheckOutcome, FactLookup } from './types';

/** @internal */
export const at = (r: ResolvedResource, path?: string): ResourceLocation => ({
  logicalId: r.logicalId,
  type: r.type,
  ...(path ? { path: `Properties.${path}` } : {}),
});

/** @internal */
export const pass = (
  message: string,
  resources: ResourceLocation[] = [],
): CheckOutcome => ({ status: 'pass', message, resources });
/** @internal */
export const fail = (
  message: string,
  resources: ResourceLocation[] = [],
): CheckOutcome => ({ status: 'fail', message, resources });
/** @internal */
export const warn = (
  message: string,
  resources: ResourceLocation[] = [],
): CheckOutcome => ({ status: 'warn', message, resources });
/** @internal */
export const unknown = (
  message: string,
  resources: ResourceLocation[] = [],
): CheckOutcome => ({ status: 'unknown', message, resources });

/**
 * Reads a CloudFormation value as a boolean the way CloudFormation does ("true"/"false"
 * strings included). Unknown stays unknown; anything else is undefined.
 *
 * @internal
 */
export function cfnBool(value: unknown): boolean | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (value === true || value === 'true' || value === 'True') return true;
  if (value === false || value === 'false' || value === 'False') return false;
  return undefined;
}

/** @internal */
export function cfnNumber(value: unknown): number | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (typeof value === 'number') return value;
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  )
    return Number(value);
  return undefined;
}

/**
 * A property check on one resource: `ok` when the property has the expected value,
 * unknown when the value cannot be resolved, fail otherwise.
 *
 * @internal
 */
export function expectProp(
  r: ResolvedResource,
  path: string,
  value: unknown,
  test: (v: unknown) => boolean,
  describe: { ok: string; bad: string },
): CheckOutcome {
  if (isUnknown(value)) {
    return unknown(
      `${r.logicalId}: ${path} cannot be resolved (${value.reason})`,
      [at(r, path)],
    );
  }
  return test(value)
    ? pass(`${r.logicalId}: ${describe.ok}`, [at(r, path)])
    : fail(`${r.logicalId}: ${describe.bad}`, [at(r, path)]);
}

/** A decision that may not be resolvable: true, false, or why it cannot be told. @internal */
export type Maybe = boolean | Unknown;

/** True when every value is true; false when one is false (even if others are unknown). @internal */
export function allOf(values: Maybe[]): Maybe {
  if (values.some(v => v === false)) return false;
  return values.find(isUnknown) ?? true;
}

/** True when one value is true (even if others are unknown); false when all are false. @internal */
export function anyOf(values: Maybe[]): Maybe {
  if (values.some(v => v === true)) return true;
  return values.find(isUnknown) ?? false;
}

/** One property a control checks, for {@link collect}. @internal */
export interface PropCheck {
  /** The property as named in messages, e.g. `EnableKeyRotation`. */
  path: string;
  /** Its resolved value: an Unknown when it cannot be resolved. */
  value: unknown;
  /** Whether a resolved value meets the requirement. */
  ok: (value: any) => boolean;
  /** What is wrong when it does not, e.g. `EnableKeyRotation is not true`. */
  bad: string | ((value: any) => string);
  /** How an unresolved value is named (default: `path`); checks with the same label are named once. */
  label?: string;
  /** Where it is, as a property path ('' for the resource itself); default `path`. */
  loc?: string;
}

/** @internal */
export interface CollectOptions {
  /** The passing message (after "<logicalId>: "). */
  ok: string;
  /** Where a pass points: a property path, or '' (the default) for the resource. */
  okAt?: string;
  /** Where a failure points; by default at each failing property. */
  failAt?: string;
  /** Formats the problems of a failure (default: joined with ", "). */
  problems?: (bad: string[]) => string;
  /** Whether the unknown message gives the reasons (default true). */
  reasons?: boolean;
}

/**
 * Several property checks on one resource, decided together: a failure as soon as one
 * resolved value fails (naming every failing property, and those that cannot be resolved),
 * else unknown when a value cannot be resolved, else a pass.
 *
 * @internal
 */
export function collect(
  r: ResolvedResource,
  checks: PropCheck[],
  options: CollectOptions,
): CheckOutcome {
  const unresolved = checks.filter(c => isUnknown(c.value));
  const failing = checks.filter(c => !isUnknown(c.value) && !c.ok(c.value));
  const where = (list: PropCheck[], fixed?: string) =>
    fixed !== undefined
      ? [at(r, fixed || undefined)]
      : unique(list.map(c => c.loc ?? c.path)).map(path =>
          at(r, path || undefined),
        );
  if (failing.length) {
    const problems = failing.map(c =>
      typeof c.bad === 'function' ? c.bad(c.value) : c.bad,
    );
    const pending = unresolved.length
      ? `; ${unique(unresolved.map(c => c.path)).join(', ')} cannot be resolved`
      : '';
    return fail(
      `${r.logicalId}: ${
        options.problems ? options.problems(problems) : problems.join(', ')
      }${pending}`,
      where(failing, options.failAt),
    );
  }
  if (unresolved.length) {
    const names = unique(unresolved.map(c => c.label ?? c.path)).join(', ');
    const reasons =
      options.reasons === false
        ? ''
        : ` (${unique(unresolved.map(c => (c.value as Unknown).reason)).join(
            '; ',
          )})`;
    return unknown(
      `${r.logicalId}: ${names} cannot be resolved${reasons}`,
      where(unresolved),
    );
  }
  return pass(`${r.logicalId}: ${options.ok}`, where([], options.okAt ?? ''));
}

/**
 * An outcome that holds only if the control applies to the resource, which cannot be
 * decided: a pass holds either way, anything else becomes unknown.
 *
 * @internal
 */
export function ifApplies(
  applies: Maybe,
  what: string,
  outcome: () => CheckOutcome,
): CheckOutcome[] {
  if (applies === false) return [];
  const o = outcome();
  if (applies === true || o.status === 'pass') return [o];
  return [
    {
      ...o,
      status: 'unknown',
      message: `${what} cannot be resolved (${applies.reason}); if the requirement applies: ${o.message}`,
    },
  ];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

const WORST_FIRST: ReadonlyArray<CheckOutcome['status']> = [
  'fail',
  'unknown',
  'warn',
  'pass',
];

/** The worst of several outcomes decides: fail, then unknown, then warn, then pass. @internal */
export function worst(outcomes: CheckOutcome[]): CheckOutcome['status'] {
  return WORST_FIRST.find(s => outcomes.some(o => o.status === s)) ?? 'pass';
}

type Expectation = (value: any) => boolean;

/** @internal */
export interface FactRequirement {
  id: FactId;
  expect: Expectation;
  /** What the policy requires, e.g. `true` or `≥ 35d`. */
  requirement: string;
  /** An absent optional fact is not reported as missing. */
  optional?: boolean;
}

/** Formats a fact value for a message (durations as 35d, lists joined). @internal */
export function formatFactValue(id: FactId, value: unknown): string {
  if (value === undefined) return 'absent';
  if (FACTS[id].type === 'duration' && typeof value === 'number')
    return formatDuration(value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}

/**
 * Declared-fact check: every fact must be present and verified, and satisfy its requirement.
 * A missing fact is unknown (naming the annotation to add); a TODO fact is unknown and
 * never passes.
 *
 * @internal
 */
export function declaredCheck(
  facts: FactLookup,
  checks: FactRequirement[],
): CheckOutcome {
  const used: Fact[] = [];
  const problems: string[] = [];
  const met: string[] = [];
  const missing: FactId[] = [];
  const unverified: string[] = [];
  for (const check of checks) {
    const fact = facts.get(check.id);
    if (!fact) {
      if (!check.optional) missing.push(check.id);
      continue;
    }
    used.push(fact);
    if (fact.unverified !== undefined) {
      unverified.push(`${check.id} (${fact.unverified})`);
      continue;
    }
    const shown = formatFactValue(check.id, fact.value);
    if (check.expect(fact.value)) met.push(`${check.id} is ${shown}`);
    else
      problems.push(`${check.id} is ${shown}; required: ${check.requirement}`);
  }
  const resources = used.map(f => ({ path: f.source }));
  if (problems.length) {
    return {
      status: 'fail',
      message: problems.join('; '),
      resources,
      facts: used,
    };
  }
  if (unverified.length) {
    return {
      status: 'unknown',
      message: `Not verified (marked TODO or unverified in the source): ${unverified.join(
        '; ',
      )}`,
      resources,
      facts: used,
    };
  }
  if (missing.length) {
    return {
      status: 'unknown',
      message: `Missing fact${missing.length > 1 ? 's' : ''}: ${missing.join(
        ', ',
      )} (declare ${missing.map(m => `refarch.dev/declared.${m}`).join(', ')})`,
      missingFacts: missing,
      resources,
      facts: used,
    };
  }
  return { status: 'pass', message: met.join('; '), resources, facts: used };
}

/** @internal */
export const isTrue = (v: unknown) => v === true;
/** @internal */
export const isFalse = (v: unknown) => v === false;
/** A key fact that names a customer-managed key. @internal */
export const isCmk = (v: unknown) => v === 'cmk';

/**
 * The declared facts of data encrypted at rest with a customer-managed key (ENC-01, ENC-03,
 * ENC-09, ENC-10).
 *
 * @internal
 */
export const ENCRYPTED_WITH_CMK: FactRequirement[] = [
  { id: 'storage-encrypted', expect: isTrue, requirement: 'true' },
  {
    id: 'encryption-key',
    expect: isCmk,
    requirement: 'cmk (customer-managed key)',
  },
];
/** @internal */
export const atMost = (max: number) => (v: unknown) =>
  typeof v === 'number' && v <= max;
/** @internal */
export const atLeast = (min: number) => (v: unknown) =>
  typeof v === 'number' && v >= min;

import { FACTS, Fact, FactId, ResourceLocation, formatDuration } from '@refarch/backstage-plugin-compliance-common';
import { ResolvedResource, Unknown, isUnknown } from '../cloudformation';
import { CheckOutcome, FactLookup } from './types';

/** @internal */
export const at = (r: ResolvedResource, path?: string): ResourceLocation => ({
  logicalId: r.logicalId,
  type: r.type,
  ...(path ? { path: `Properties.${path}` } : {}),
});

/** @internal */
export const pass = (message: string, resources: ResourceLocation[] = []): CheckOutcome => ({ status: 'pass', message, resources });
/** @internal */
export const fail = (message: string, resources: ResourceLocation[] = []): CheckOutcome => ({ status: 'fail', message, resources });
/** @internal */
export const warn = (message: string, resources: ResourceLocation[] = []): CheckOutcome => ({ status: 'warn', message, resources });
/** @internal */
export const unknown = (message: string, resources: ResourceLocation[] = []): CheckOutcome => ({ status: 'unknown', message, resources });

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
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
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
    return unknown(`${r.logicalId}: ${path} cannot be resolved (${value.reason})`, [at(r, path)]);
  }
  return test(value)
    ? pass(`${r.logicalId}: ${describe.ok}`, [at(r, path)])
    : fail(`${r.logicalId}: ${describe.bad}`, [at(r, path)]);
}

/** The worst of several outcomes decides: fail, then unknown, then warn, then pass. @internal */
export function worst(outcomes: CheckOutcome[]): CheckOutcome['status'] {
  const order: CheckOutcome['status'][] = ['fail', 'unknown', 'warn', 'pass'];
  return order.find(s => outcomes.some(o => o.status === s)) ?? 'pass';
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
  if (FACTS[id].type === 'duration' && typeof value === 'number') return formatDuration(value);
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
export function declaredCheck(facts: FactLookup, checks: FactRequirement[]): CheckOutcome {
  const used: Fact[] = [];
  const problems: string[] = [];
  const met: string[] = [];
  const missing: string[] = [];
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
    else problems.push(`${check.id} is ${shown}; required: ${check.requirement}`);
  }
  const resources = used.map(f => ({ path: f.source }));
  if (problems.length) {
    return { status: 'fail', message: problems.join('; '), resources, facts: used };
  }
  if (unverified.length) {
    return { status: 'unknown', message: `Not verified (marked TODO or unverified in the source): ${unverified.join('; ')}`, resources, facts: used };
  }
  if (missing.length) {
    return {
      status: 'unknown',
      message: `Missing fact${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (declare ${missing.map(m => `refarch.dev/declared.${m}`).join(', ')}, or reference a CloudFormation template)`,
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
/** @internal */
export const atMost = (max: number) => (v: unknown) => typeof v === 'number' && v <= max;
/** @internal */
export const atLeast = (min: number) => (v: unknown) => typeof v === 'number' && v >= min;
/** @internal */
export const DAY = 86400;

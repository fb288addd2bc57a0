import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { createHash } from 'crypto';
import { ShapeTable, packJson, shapeOf, unpackJson } from './packJson';

/**
 * What a compact body leaves out and every assessment of the same frame shares, stored once
 * (table compliance_assessment_skeletons) and referred to by `id`, a digest of its JSON.
 *
 * @internal
 */
export interface AssessmentSkeleton {
  /** The assessment's keys, in order. */
  keys: string[];
  /** The keys of `counts`, in order, when its values are the counts of the results' statuses. */
  counts?: string[];
  /** Numbers among the body's DR reasons are disruptions' positions (see withReasonRefs). */
  reasonRefs?: true;
  /**
   * Per control result in order: `[controlId, message]` of a not-applicable result without
   * resources or facts (most of them: 49 of 56 on average), `0` for the next stored result.
   */
  results: Array<[string, string] | 0>;
  /** The key lists of the packed body's objects (see packJson). */
  shapes: string[][];
}

/**
 * The columns of a compliance_assessments row an assessment is read back from. With no
 * `skeleton_id`, `body` is the whole assessment's JSON (as every row was before issue 19).
 *
 * @internal
 */
export interface StoredAssessmentRow {
  entity_ref: string;
  input_hash: string;
  policy_version: string;
  status: string;
  score: number | string | null;
  failing_critical: number | string;
  failing_high: number | string;
  failing_medium: number | string;
  failing_low: number | string;
  body: string;
  skeleton_id: string | null;
}

/** What a row stores of an assessment. @internal */
export interface EncodedAssessment {
  body: string;
  /** Undefined when `body` is the whole assessment's JSON. */
  skeleton?: { id: string; json: string };
}

/** Assessment keys whose values the row's own columns hold (written from the same object). */
const FROM_COLUMNS = new Set([
  'entityRef',
  'inputHash',
  'policyVersion',
  'status',
  'score',
  'failing',
]);
const FAILING_KEYS = ['critical', 'high', 'medium', 'low'] as const;
const NOT_APPLICABLE_KEYS = [
  'controlId',
  'status',
  'message',
  'resources',
  'facts',
];

const isInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

/** The columns read back exactly what the assessment says. */
function columnsHold(a: Record<string, any>): boolean {
  return (
    typeof a.entityRef === 'string' &&
    typeof a.inputHash === 'string' &&
    typeof a.policyVersion === 'string' &&
    typeof a.status === 'string' &&
    (a.score === null || isInteger(a.score)) &&
    a.failing !== null &&
    typeof a.failing === 'object' &&
    hasKeys(a.failing, FAILING_KEYS as unknown as string[]) &&
    FAILING_KEYS.every(k => isInteger(a.failing[k]))
  );
}

/** A not-applicable result the skeleton can hold: nothing in it but its id and message. */
function isBareNotApplicable(r: any): boolean {
  return (
    r !== null &&
    typeof r === 'object' &&
    r.status === 'not-applicable' &&
    typeof r.controlId === 'string' &&
    typeof r.message === 'string' &&
    Array.isArray(r.resources) &&
    r.resources.length === 0 &&
    Array.isArray(r.facts) &&
    r.facts.length === 0 &&
    hasKeys(r, NOT_APPLICABLE_KEYS)
  );
}

/** A result that cannot change: frozen, and its (empty) arrays too. */
function cannotChange(r: any): boolean {
  return (
    Object.isFrozen(r) &&
    Object.isFrozen(r.resources) &&
    Object.isFrozen(r.facts)
  );
}

/** `record`'s keys are `keys`, in that order. */
function hasKeys(record: Record<string, unknown>, keys: string[]): boolean {
  let i = 0;
  for (const key in record) if (key !== keys[i++]) return false;
  return i === keys.length;
}

function countStatuses(keys: string[], results: Array<{ status: string }>) {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = 0;
  for (const r of results) counts[r.status]++;
  return counts;
}

/** `counts` holds exactly the counts of the results' statuses. */
function countsAreDerived(counts: unknown, results: any[]): boolean {
  if (counts === null || typeof counts !== 'object') return false;
  const keys = Object.keys(counts);
  const derived = countStatuses(keys, results);
  return (
    Object.keys(derived).length === keys.length &&
    keys.every(k => (counts as Record<string, unknown>)[k] === derived[k])
  );
}

/** The DR reasons are text that can repeat its disruptions' reasons. */
function hasReasonsToRefer(dr: any): boolean {
  return (
    dr !== null &&
    typeof dr === 'object' &&
    Array.isArray(dr.reasons) &&
    Array.isArray(dr.disruptions) &&
    dr.reasons.every((r: unknown) => typeof r === 'string')
  );
}

/** A DR reason that is `<disruption>: <its reason>` becomes that disruption's position. */
function withReasonRefs(dr: any): unknown {
  const positions = new Map<string, number>();
  dr.disruptions.forEach((d: any, i: number) => {
    const text = `${d?.disruption}: ${d?.reason}`;
    if (!positions.has(text)) positions.set(text, i);
  });
  return {
    ...dr,
    reasons: dr.reasons.map((r: string) => positions.get(r) ?? r),
  };
}

function withReasonsResolved(dr: any): unknown {
  return {
    ...dr,
    reasons: dr.reasons.map((r: unknown) =>
      typeof r === 'number'
        ? `${dr.disruptions[r].disruption}: ${dr.disruptions[r].reason}`
        : r,
    ),
  };
}

interface ResultsNode {
  id: number;
  /** After a stored result. */
  stored?: ResultsNode;
  /** After a bare not-applicable result, by control id and message. */
  bare?: Map<string, Map<string, ResultsNode>>;
  /**
   * After a bare not-applicable result that cannot change, by the result itself: the engine
   * returns one frozen object per control and message (evaluateControl's notApplicable), so
   * most results take one lookup and no reading of their keys (issue 19).
   */
  known?: Map<object, ResultsNode>;
}

/**
 * The skeletons' result lists seen, as a trie (one or two map lookups per result, no string
 * built, instead of the whole list's JSON per assessment), and the skeletons by what identifies
 * them in this process. Node ids are never reused, also after the trie is started over.
 */
let resultsRoot: ResultsNode = { id: 0 };
let nextResultsNode = 1;
let resultsTrieSize = 0;
const skeletons = new Map<string, { id: string; json: string }>();

/**
 * The results the body stores (all but the bare not-applicable ones), which ones are bare,
 * and the trie node of the skeleton's result list, in one walk over the results.
 */
function splitResults(results: any[]) {
  if (resultsTrieSize > 100_000) {
    resultsRoot = { id: nextResultsNode++ };
    resultsTrieSize = 0;
  }
  const node = (): ResultsNode => {
    resultsTrieSize++;
    return { id: nextResultsNode++ };
  };
  const stored: unknown[] = [];
  const bare: boolean[] = [];
  let at = resultsRoot;
  for (const r of results) {
    const known = at.known?.get(r);
    if (known) {
      bare.push(true);
      at = known;
    } else if (isBareNotApplicable(r)) {
      bare.push(true);
      at.bare ??= new Map();
      let byMessage = at.bare.get(r.controlId);
      if (!byMessage) {
        byMessage = new Map();
        at.bare.set(r.controlId, byMessage);
      }
      let next = byMessage.get(r.message);
      if (!next) {
        next = node();
        byMessage.set(r.message, next);
      }
      if (cannotChange(r)) (at.known ??= new Map()).set(r, next);
      at = next;
    } else {
      bare.push(false);
      stored.push(r);
      at = at.stored ??= node();
    }
  }
  return { stored, bare, node: at };
}

/** The skeleton's JSON and id (a digest of the JSON), built once per distinct skeleton. */
function skeletonOf(
  key: string,
  build: () => AssessmentSkeleton,
): { id: string; json: string } {
  let skeleton = skeletons.get(key);
  if (!skeleton) {
    const json = JSON.stringify(build());
    skeleton = {
      id: createHash('sha256').update(json).digest('base64url').slice(0, 22),
      json,
    };
    if (skeletons.size >= 2000) skeletons.clear();
    skeletons.set(key, skeleton);
  }
  return skeleton;
}

/**
 * What a row stores of an assessment (issue 19: 10-16 KB of JSON each, 1.6 GB written per full
 * pass at 100,000 entities). The compact body leaves out what the row's columns already hold
 * (entity ref, input hash, policy version, status, score, failing counts) and what follows
 * from the rest (the status counts from the results; a DR reason that repeats a disruption's),
 * and keeps the frame that recurs across entities in a shared skeleton: the keys of every
 * object, and the not-applicable results. Whatever does not fit this form exactly is stored
 * as its whole JSON, as before: decoding always gives back what JSON.stringify wrote.
 *
 * @internal
 */
export function encodeAssessment(assessment: Assessment): EncodedAssessment {
  const a = assessment as unknown as Record<string, any>;
  const keys = Object.keys(a).filter(k => a[k] !== undefined);
  if (
    !columnsHold(a) ||
    !Array.isArray(a.results) ||
    keys.includes('__proto__')
  )
    return { body: JSON.stringify(assessment) };
  const { stored, bare, node } = splitResults(a.results);
  const counts = countsAreDerived(a.counts, a.results)
    ? Object.keys(a.counts)
    : undefined;
  const reasonRefs = hasReasonsToRefer(a.dr);
  const rest: Record<string, unknown> = {};
  for (const key of keys) {
    if (FROM_COLUMNS.has(key) || (key === 'counts' && counts)) continue;
    if (key === 'results') rest.results = stored;
    else if (key === 'dr' && reasonRefs) rest.dr = withReasonRefs(a.dr);
    else rest[key] = a[key];
  }
  const shapes = new ShapeTable();
  const body = packJson(rest, shapes);
  const skeleton = skeletonOf(
    [
      shapeOf(a).id,
      counts ? shapeOf(a.counts).id : '-',
      reasonRefs,
      node.id,
      shapes.signature(),
    ].join(' '),
    () => ({
      keys,
      ...(counts ? { counts } : {}),
      ...(reasonRefs ? { reasonRefs: true as const } : {}),
      results: a.results.map((r: any, i: number) =>
        bare[i] ? [r.controlId, r.message] : 0,
      ),
      shapes: shapes.shapes,
    }),
  );
  return { body, skeleton };
}

/**
 * The assessment a row stores: its body with its skeleton (undefined for a row whose body is
 * the whole JSON), the same JSON.stringify text as the assessment that was stored.
 *
 * @internal
 */
export function decodeAssessment(
  row: StoredAssessmentRow,
  skeleton: AssessmentSkeleton | undefined,
): Assessment {
  if (!row.skeleton_id) return JSON.parse(row.body) as Assessment;
  if (!skeleton)
    throw new Error(
      `The skeleton ${row.skeleton_id} of the assessment of ${row.entity_ref} is missing`,
    );
  const rest = unpackJson(JSON.parse(row.body), skeleton.shapes) as Record<
    string,
    any
  >;
  const stored = rest.results as unknown[];
  let next = 0;
  const results = skeleton.results.map(r =>
    r === 0
      ? stored[next++]
      : {
          controlId: r[0],
          status: 'not-applicable',
          message: r[1],
          resources: [],
          facts: [],
        },
  );
  const out: Record<string, unknown> = {};
  for (const key of skeleton.keys) {
    switch (key) {
      case 'entityRef':
        out[key] = row.entity_ref;
        break;
      case 'inputHash':
        out[key] = row.input_hash;
        break;
      case 'policyVersion':
        out[key] = row.policy_version;
        break;
      case 'status':
        out[key] = row.status;
        break;
      case 'score':
        out[key] = row.score === null ? null : Number(row.score);
        break;
      case 'failing':
        out[key] = {
          critical: Number(row.failing_critical),
          high: Number(row.failing_high),
          medium: Number(row.failing_medium),
          low: Number(row.failing_low),
        };
        break;
      case 'counts':
        out[key] = skeleton.counts
          ? countStatuses(skeleton.counts, results as any[])
          : rest.counts;
        break;
      case 'results':
        out[key] = results;
        break;
      case 'dr':
        out[key] = skeleton.reasonRefs ? withReasonsResolved(rest.dr) : rest.dr;
        break;
      default:
        out[key] = rest[key];
    }
  }
  return out as unknown as Assessment;
}

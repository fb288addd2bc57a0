import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { EncodedAssessment, encodeAssessment } from './assessmentCodec';

/**
 * An assessment as {@link AssessmentStore.save} writes it: its row's columns, its encoded
 * body, and its result and framework rows. It is built where the assessment was evaluated: in
 * an evaluation worker it is what the worker posts back, so the backend's thread neither
 * parses the assessment nor encodes it (issue 19), and the message is the compact body
 * instead of the assessment's JSON.
 *
 * @internal
 */
export interface StorableAssessment extends EncodedAssessment {
  entityRef: string;
  status: Assessment['status'];
  score: Assessment['score'];
  drStatus: Assessment['dr']['status'];
  drift?: NonNullable<Assessment['deployed']>['drift'];
  failing: Assessment['failing'];
  inputHash: string;
  policyVersion: Assessment['policyVersion'];
  evaluatedAt: string;
  /**
   * The results that apply, as [control, status, severity]: not-applicable ones would only
   * bloat the results table (filters and aggregates skip them).
   */
  results: Array<[string, string, string]>;
  /** Each framework's status, as [framework, status]. */
  frameworks: Array<[string, string]>;
}

/**
 * The storable form of `assessment`, evaluated under `policy` (which gives each result row
 * its control's severity; a control it does not know is `low`).
 *
 * @internal
 */
export function toStorable(
  assessment: Assessment,
  policy: SeverityPolicy,
): StorableAssessment {
  const a = assessment;
  const severities = severitiesOf(policy);
  const results: Array<[string, string, string]> = [];
  for (const r of a.results)
    if (r.status !== 'not-applicable')
      results.push([
        r.controlId,
        r.status,
        severities.get(r.controlId) ?? 'low',
      ]);
  const frameworks: Array<[string, string]> = [];
  for (const [framework, s] of Object.entries(a.frameworks))
    if (s) frameworks.push([framework, s.status]);
  return {
    ...encodeAssessment(a),
    entityRef: a.entityRef,
    status: a.status,
    score: a.score,
    drStatus: a.dr.status,
    drift: a.deployed?.drift,
    failing: a.failing,
    inputHash: a.inputHash,
    policyVersion: a.policyVersion,
    evaluatedAt: a.evaluatedAt,
    results,
    frameworks,
  };
}

/** What of a policy the rows need: each control's severity. */
type SeverityPolicy = {
  controls: ReadonlyArray<{ id: string; severity: string }>;
};

const SEVERITIES = new WeakMap<object, ReadonlyMap<string, string>>();

/** Each control's severity in `policy`, built once per policy. */
function severitiesOf(policy: SeverityPolicy): ReadonlyMap<string, string> {
  let severities = SEVERITIES.get(policy);
  if (!severities) {
    severities = new Map(policy.controls.map(c => [c.id, c.severity]));
    SEVERITIES.set(policy, severities);
  }
  return severities;
}

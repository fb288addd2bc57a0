import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { EncodedAssessment, encodeAssessment } from './assessmentCodec';
import { controlEntry } from './controlResults';

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
   * The results that apply, as the row's `controls` entries (see controlEntry):
   * not-applicable ones would only bloat the column (filters and aggregates skip them).
   */
  controls: string[];
  /** Each framework's status, as [framework, status]. */
  frameworks: Array<[string, string]>;
}

/**
 * The storable form of `assessment`.
 *
 * @internal
 */
export function toStorable(assessment: Assessment): StorableAssessment {
  const a = assessment;
  const controls: string[] = [];
  for (const r of a.results)
    if (r.status !== 'not-applicable')
      controls.push(controlEntry(r.controlId, r.status));
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
    controls,
    frameworks,
  };
}

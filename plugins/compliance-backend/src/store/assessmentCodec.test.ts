import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { evaluatedDatabase } from '../__testUtils__/evaluatedDatabase';
import {
  AssessmentSkeleton,
  StoredAssessmentRow,
  decodeAssessment,
  encodeAssessment,
} from './assessmentCodec';

/** What the store writes and reads back: the row's columns from the same assessment. */
function storedAndRead(a: Assessment) {
  const encoded = encodeAssessment(a);
  const row: StoredAssessmentRow = {
    entity_ref: a.entityRef,
    input_hash: a.inputHash,
    policy_version: a.policyVersion,
    status: a.status,
    score: a.score,
    failing_critical: a.failing.critical,
    failing_high: a.failing.high,
    failing_medium: a.failing.medium,
    failing_low: a.failing.low,
    body: encoded.body,
    skeleton_id: encoded.skeleton?.id ?? null,
  };
  const skeleton = encoded.skeleton
    ? (JSON.parse(encoded.skeleton.json) as AssessmentSkeleton)
    : undefined;
  return { encoded, json: JSON.stringify(decodeAssessment(row, skeleton)) };
}

describe('encodeAssessment', () => {
  it('stores the entity-specific part and reads back the same JSON', () => {
    const a = evaluatedDatabase();
    expect(a.dr.reasons.length).toBeGreaterThan(1);
    const { encoded, json } = storedAndRead(a);
    expect(json).toBe(JSON.stringify(a));
    expect(encoded.skeleton).toBeDefined();
    expect(encoded.body.length * 4).toBeLessThan(JSON.stringify(a).length);
    // Left to the columns, the skeleton or the rest of the body.
    expect(encoded.body).not.toContain(a.inputHash);
    expect(encoded.body).not.toContain('not-applicable"');
    for (const reason of a.dr.reasons.filter(r =>
      /^(software|hardware|az|region): /.test(r),
    ))
      expect(encoded.body).not.toContain(JSON.stringify(reason));
  });

  it('shares one skeleton among assessments of the same frame', () => {
    const one = encodeAssessment(evaluatedDatabase('a-db'));
    const other = encodeAssessment(evaluatedDatabase('b-db'));
    expect(other.skeleton!.id).toBe(one.skeleton!.id);
    expect(other.body).not.toBe(one.body);
  });

  it.each<[string, (a: any) => void]>([
    [
      'failing counts in another key order: the whole JSON',
      a => {
        a.failing = { low: a.failing.low, ...a.failing };
      },
    ],
    [
      'a score that is not an integer: the whole JSON',
      a => {
        a.score = 42.5;
      },
    ],
    [
      "status counts that are not the results' counts: kept in the body",
      a => {
        a.counts.pass += 1;
      },
    ],
    [
      'a not-applicable result with a fact: kept in the body',
      a => {
        // The engine's not-applicable results are frozen and shared: a changed copy.
        const i = a.results.findIndex(
          (x: any) => x.status === 'not-applicable',
        );
        a.results[i] = {
          ...a.results[i],
          facts: [
            {
              id: 'multi-az',
              provenance: 'declared',
              source: 's',
              observedAt: a.evaluatedAt,
            },
          ],
        };
      },
    ],
    [
      'a not-applicable result with its keys in another order: kept in the body',
      a => {
        const i = a.results.findIndex(
          (x: any) => x.status === 'not-applicable',
        );
        const { controlId, ...rest } = a.results[i];
        a.results[i] = { ...rest, controlId };
      },
    ],
    [
      'a DR reason that is a number, and keys in another order',
      a => {
        a.dr.reasons.push(0);
        const { entityRef, ...rest } = a;
        for (const k of Object.keys(a)) delete a[k];
        Object.assign(a, rest, { entityRef });
      },
    ],
    [
      'an extra key and an undefined one',
      a => {
        a.extra = { note: 'kept' };
        a.deployed = undefined;
      },
    ],
  ])('reads back the same JSON for %s', (_, change) => {
    const a = evaluatedDatabase() as any;
    change(a);
    const { json } = storedAndRead(a);
    expect(json).toBe(JSON.stringify(a));
  });

  it('knows a bare not-applicable result by identity only when it cannot change', () => {
    const a = evaluatedDatabase() as any;
    const i = a.results.findIndex((x: any) => x.status === 'not-applicable');
    expect(Object.isFrozen(a.results[i])).toBe(true);
    // The same result, as an object that can change: bare when first stored…
    const r = { ...a.results[i], resources: [], facts: [] };
    a.results[i] = r;
    expect(storedAndRead(a).json).toBe(JSON.stringify(a));
    // …and the same object with a fact later is no longer bare: the fact is stored.
    r.facts.push({
      id: 'multi-az',
      provenance: 'declared',
      source: 's',
      observedAt: a.evaluatedAt,
    });
    const { encoded, json } = storedAndRead(a);
    expect(json).toBe(JSON.stringify(a));
    expect(encoded.body).toContain('multi-az');
    // The frozen results of the engine, met again, read back the same as before.
    const again = evaluatedDatabase();
    expect(storedAndRead(again).json).toBe(JSON.stringify(again));
  });

  it('stores an assessment whose columns could not hold its values as its whole JSON', () => {
    const a = evaluatedDatabase() as any;
    a.failing = { low: a.failing.low, ...a.failing };
    expect(encodeAssessment(a)).toEqual({ body: JSON.stringify(a) });
  });

  it('refuses to read a compact body without its skeleton', () => {
    const a = evaluatedDatabase();
    const encoded = encodeAssessment(a);
    expect(() =>
      decodeAssessment(
        {
          entity_ref: a.entityRef,
          input_hash: a.inputHash,
          policy_version: a.policyVersion,
          status: a.status,
          score: a.score,
          failing_critical: 0,
          failing_high: 0,
          failing_medium: 0,
          failing_low: 0,
          body: encoded.body,
          skeleton_id: encoded.skeleton!.id,
        },
        undefined,
      ),
    ).toThrow(/skeleton .* is missing/);
  });
});

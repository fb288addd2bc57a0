/*
 * The status model applied by the engine (issue 14): the score counts unknown controls
 * against it, and a failure outside the declared frameworks is named on the entity.
 */
import { scoreOf } from '@refarch/backstage-plugin-compliance-common';
import { declared, evaluateDeclared } from '../controls/testHelpers';

describe('evaluateEntity and the status model', () => {
  it('an alerting resource paging through chat fails MON-02, which maps to SOC 2 but not GDPR: the GDPR row passes and the entity says why it fails', () => {
    const { assessment } = evaluateDeclared('alerting', {
      'refarch.dev/frameworks': 'gdpr',
      ...declared({ 'alert-channel-critical': 'chat' }),
    });
    expect(assessment.status).toBe('fail');
    expect(assessment.results.find(r => r.controlId === 'MON-02')?.status).toBe(
      'fail',
    );
    expect(assessment.frameworks.gdpr?.status).not.toBe('fail');
    expect(assessment.outOfScopeFailures).toContain('MON-02');
  });

  it('names no out-of-scope failure when the failing control maps to a declared framework', () => {
    const { assessment } = evaluateDeclared('alerting', {
      'refarch.dev/frameworks': 'soc2',
      ...declared({ 'alert-channel-critical': 'chat' }),
    });
    expect(assessment.frameworks.soc2?.status).toBe('fail');
    expect(assessment.outOfScopeFailures).toEqual([]);
  });

  it('returns one frozen result per control and message for controls that do not apply, the same for every entity', () => {
    const one = evaluateDeclared('database', {}).assessment.results;
    const other = evaluateDeclared('database', {
      ...declared({ 'multi-az': 'true' }),
    }).assessment.results;
    const notApplicable = one.filter(r => r.status === 'not-applicable');
    expect(notApplicable.length).toBeGreaterThan(10);
    for (const r of notApplicable) {
      expect(other.find(o => o.controlId === r.controlId)).toBe(r);
      expect(Object.isFrozen(r) && Object.isFrozen(r.facts)).toBe(true);
      // Shared between assessments, so it cannot be changed in one of them.
      expect(() => (r.facts as unknown[]).push('x')).toThrow(TypeError);
      expect(() => {
        (r as { message: string }).message = 'changed';
      }).toThrow(TypeError);
    }
    const applies = one.find(r => r.status !== 'not-applicable')!;
    expect(Object.isFrozen(applies)).toBe(false);
  });

  it('a database with nothing declared is unknown with a score of 0, not 100', () => {
    const { assessment } = evaluateDeclared('database', {});
    expect(assessment.status).toBe('unknown');
    expect(assessment.counts.unknown).toBeGreaterThan(0);
    expect(assessment.counts.pass).toBe(0);
    expect(assessment.score).toBe(0);
  });

  it('the stored score is the common rule applied to the counts', () => {
    const { assessment } = evaluateDeclared('database', {
      ...declared({ 'storage-encrypted': 'true', 'multi-az': 'true' }),
    });
    expect(assessment.counts.pass).toBeGreaterThan(0);
    expect(assessment.counts.unknown).toBeGreaterThan(0);
    expect(assessment.score).toBe(scoreOf(assessment.counts));
    expect(assessment.score).toBeLessThan(100);
  });

  it('hints at a CloudFormation template only where the entity can have one (AWS, or cloud not known)', () => {
    const unknownOn = (region?: string) =>
      evaluateDeclared(
        'database',
        region ? { 'refarch.dev/region': region } : {},
      )
        .assessment.results.filter(r => r.status === 'unknown')
        .map(r => r.message);
    const gcp = unknownOn('europe-west3');
    expect(gcp.length).toBeGreaterThan(0);
    expect(gcp.join(' ')).toContain('Missing fact');
    expect(gcp.join(' ')).not.toContain('CloudFormation');
    expect(unknownOn('eu-central-1').join(' ')).toContain(
      'or reference a CloudFormation template',
    );
  });
});

import {
  rollUp,
  scoreOf,
  worstDrStatus,
  worstStatus,
  compareStatus,
} from './statusModel';

const counts = (c: Partial<Record<string, number>>) => ({
  pass: 0,
  fail: 0,
  warn: 0,
  waived: 0,
  unknown: 0,
  'not-applicable': 0,
  ...c,
});

describe('the status model', () => {
  it('orders statuses worst first: error, fail, unknown, warn, pass, not-applicable', () => {
    expect(worstStatus(['pass', 'unknown', 'warn'])).toBe('unknown');
    expect(worstStatus(['pass', 'fail', 'error'])).toBe('error');
    expect(worstStatus([])).toBe('not-applicable');
    expect(
      (['pass', 'fail', 'not-applicable', 'unknown'] as const)
        .slice()
        .sort(compareStatus),
    ).toEqual(['fail', 'unknown', 'pass', 'not-applicable']);
    expect(worstDrStatus(['met', 'unknown', 'at-risk'])).toBe('at-risk');
  });

  it('counts unknown controls against the score (8 pass, 2 unknown → 80, not 100)', () => {
    expect(scoreOf(counts({ pass: 8, unknown: 2 }))).toBe(80);
    expect(scoreOf(counts({ pass: 7, unknown: 28 }))).toBe(20);
    expect(scoreOf(counts({ unknown: 3 }))).toBe(0);
    expect(scoreOf(counts({ 'not-applicable': 4 }))).toBeNull();
    expect(scoreOf(counts({ pass: 1, warn: 1, waived: 2 }))).toBe(88);
  });

  it('rolls a passing system with failing members up to fail, keeping the counts', () => {
    const r = rollUp({
      entityRef: 'system:default/dta-wide-production',
      own: { status: 'pass', drStatus: 'met', score: 100 },
      members: [
        { status: 'fail', drStatus: 'met', count: 5, scoreSum: 350, scored: 5 },
        {
          status: 'pass',
          drStatus: 'unknown',
          count: 3,
          scoreSum: 300,
          scored: 3,
        },
      ],
      now: new Date('2026-12-05T00:00:00Z'),
    });
    expect(r.status).toBe('fail');
    expect(r.ownStatus).toBe('pass');
    expect(r.members.fail).toBe(5);
    expect(r.members.pass).toBe(3);
    expect(r.drStatus).toBe('unknown');
    expect(r.averageScore).toBe(Math.round(750 / 9));
  });

  it('gives a not-applicable system with a breached member the breached DR status', () => {
    const r = rollUp({
      entityRef: 'system:default/techcorp-production',
      own: {
        status: 'not-applicable',
        drStatus: 'not-applicable',
        score: null,
      },
      members: [
        {
          status: 'fail',
          drStatus: 'breached',
          count: 3,
          scoreSum: 150,
          scored: 3,
        },
      ],
      now: new Date(),
    });
    expect(r.status).toBe('fail');
    expect(r.drStatus).toBe('breached');
  });

  it('is not-applicable with nothing inside', () => {
    const r = rollUp({
      entityRef: 'group:default/x',
      members: [],
      now: new Date(),
    });
    expect(r.status).toBe('not-applicable');
    expect(r.averageScore).toBeNull();
  });
});

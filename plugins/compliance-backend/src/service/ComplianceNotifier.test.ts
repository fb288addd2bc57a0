import { isRegression } from './ComplianceNotifier';

const change = (
  previous: [string, string] | undefined,
  next: [string, string],
) => ({
  entityRef: 'component:default/api',
  previous: previous && {
    status: previous[0],
    drStatus: previous[1],
    score: null,
  },
  next: { status: next[0], drStatus: next[1], score: null },
});

describe('isRegression', () => {
  it('follows the one status order: worse status or worse DR status only', () => {
    expect(isRegression(change(['pass', 'met'], ['unknown', 'met']))).toBe(
      true,
    );
    expect(isRegression(change(['unknown', 'met'], ['fail', 'met']))).toBe(
      true,
    );
    expect(isRegression(change(['fail', 'met'], ['error', 'met']))).toBe(true);
    expect(isRegression(change(['pass', 'met'], ['pass', 'at-risk']))).toBe(
      true,
    );
    expect(isRegression(change(['pass', 'unknown'], ['pass', 'met']))).toBe(
      false,
    );
    expect(isRegression(change(['fail', 'breached'], ['warn', 'met']))).toBe(
      false,
    );
    expect(
      isRegression(change(['not-applicable', 'met'], ['pass', 'met'])),
    ).toBe(false);
  });

  it('does not call a new entity a regression', () => {
    expect(isRegression(change(undefined, ['fail', 'breached']))).toBe(false);
  });
});

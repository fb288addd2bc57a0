// Run by ./run test (node's test runner): the summary refuses runs that tested nothing.
const test = require('node:test');
const assert = require('node:assert');
const { summarize } = require('./summarize-tests');

const jest = (passed, failed = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 0,
});
const pw = (expected, unexpected = 0) => ({
  stats: { expected, unexpected, flaky: 0, skipped: 0 },
});

test('a complete run passes and ends with the closing line', () => {
  const { ok, lines } = summarize({
    failedSteps: 0,
    stages: ['jest', 'playwright'],
    reports: { jest: jest(990), playwright: pw(11) },
  });
  assert.strictEqual(ok, true);
  assert.strictEqual(lines.at(-1), 'tests: 1001 passed, 0 failed, 0 skipped');
});

test('jest in watch mode (0 tests) fails the run and names the stage', () => {
  const { ok, lines } = summarize({
    failedSteps: 0,
    stages: ['jest'],
    reports: { jest: jest(0) },
  });
  assert.strictEqual(ok, false);
  assert.ok(
    lines.includes('jest ran no test: a run that tests nothing is a failure'),
    lines.join('\n'),
  );
});

test('a stage that wrote no report fails the run', () => {
  const { ok, lines } = summarize({
    failedSteps: 0,
    stages: ['jest', 'playwright'],
    reports: { jest: jest(5) },
  });
  assert.strictEqual(ok, false);
  assert.match(lines.join('\n'), /playwright wrote no report/);
});

test('a failed test or step fails the run', () => {
  assert.strictEqual(
    summarize({
      failedSteps: 0,
      stages: ['jest'],
      reports: { jest: jest(5, 1) },
    }).ok,
    false,
  );
  const step = summarize({
    failedSteps: 1,
    stages: ['jest'],
    reports: { jest: jest(5) },
  });
  assert.strictEqual(step.ok, false);
  assert.ok(step.lines.includes('1 step(s) failed'));
});

// Prints the closing line "tests: N passed, N failed, N skipped" from the Jest and Playwright
// reports (and the test script's self-test), and exits non-zero when a step or a test failed,
// or when a stage that ran ran no test at all (a watch mode waiting for changes, a filter that
// matched nothing, a report that was never written).
const fs = require('fs');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readTap(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const count = name =>
    Number((text.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) || [])[1] || 0);
  return {
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skipped') + count('todo'),
  };
}

/**
 * Counts per stage and the verdict. `reports` holds what each stage wrote (undefined when it
 * wrote nothing); `stages` the stages that ran.
 */
function summarize({ failedSteps, stages, reports }) {
  const lines = [];
  const problems = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  const add = (name, counts) => {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    lines.push(
      `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
    if (counts.passed + counts.failed === 0) {
      problems.push(
        `${name} ran no test: a run that tests nothing is a failure`,
      );
    }
  };
  if (reports.self) add('self-test', reports.self);
  for (const stage of stages) {
    const report = reports[stage];
    if (stage === 'jest') {
      if (!report)
        problems.push(
          'jest wrote no report (.tools/jest-results.json): the unit and database tests did not run',
        );
      else
        add('jest', {
          passed: report.numPassedTests,
          failed: report.numFailedTests,
          skipped: report.numPendingTests + (report.numTodoTests || 0),
        });
    } else if (stage === 'playwright') {
      if (!report || !report.stats)
        problems.push(
          'playwright wrote no report (.tools/playwright-results.json): the end-to-end tests did not run',
        );
      else
        add('playwright', {
          passed: report.stats.expected + (report.stats.flaky || 0),
          failed: report.stats.unexpected,
          skipped: report.stats.skipped,
        });
    } else {
      problems.push(`unknown stage "${stage}"`);
    }
  }
  if (failedSteps > 0) problems.push(`${failedSteps} step(s) failed`);
  lines.push(...problems);
  lines.push(
    `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`,
  );
  return { lines, ok: problems.length === 0 && total.failed === 0 };
}

module.exports = { summarize };

if (require.main === module) {
  const failedSteps = Number(process.argv[2] || 0);
  const stages = (process.argv[3] || 'jest').split(',').filter(Boolean);
  const { lines, ok } = summarize({
    failedSteps,
    stages,
    reports: {
      self: readTap('.tools/self-test.tap'),
      jest: readJson('.tools/jest-results.json'),
      playwright: readJson('.tools/playwright-results.json'),
    },
  });
  console.log(lines.join('\n'));
  process.exit(ok ? 0 : 1);
}

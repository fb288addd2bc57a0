// Prints the closing line "tests: N passed, N failed" from the Jest and Playwright reports,
// and exits non-zero when a step or a test failed.
const fs = require('fs');

const failedSteps = Number(process.argv[2] || 0);
let passed = 0;
let failed = 0;
let skipped = 0;

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const jest = readJson('.tools/jest-results.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  skipped += jest.numPendingTests + (jest.numTodoTests || 0);
  console.log(`jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped`);
}
const pw = readJson('.tools/playwright-results.json');
if (pw && pw.stats) {
  passed += pw.stats.expected + (pw.stats.flaky || 0);
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
  console.log(`playwright: ${pw.stats.expected} passed, ${pw.stats.unexpected} failed, ${pw.stats.flaky || 0} flaky, ${pw.stats.skipped} skipped`);
}
if (failedSteps > 0) {
  console.log(`${failedSteps} step(s) failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);

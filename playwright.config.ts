import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the running portal, in Debian's Chromium
 * (`npx playwright install` cannot download a browser on these machines).
 * The web servers are started with the same script as `./run start`, on the ports that
 * `scripts/test.sh` chose (PORTAL_APP_PORT, PORTAL_BACKEND_PORT; defaults 3000 and 7007),
 * with e2e/app-config.e2e.yaml on top of the embedded defaults.
 */
const appUrl = `http://localhost:${process.env.PORTAL_APP_PORT ?? '3000'}`;
// The fake GitHub that e2e/publish.test.ts publishes to: e2e/app-config.e2e.yaml reads its port
// from FAKE_GITHUB_PORT, the test its repositories from FAKE_GITHUB_ROOT (set here for both).
process.env.FAKE_GITHUB_PORT ??= '7079';
process.env.FAKE_GITHUB_ROOT ??= `${__dirname}/.tools/e2e-fake-github-${process.env.FAKE_GITHUB_PORT}`;

export default defineConfig({
  testDir: './e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['json', { outputFile: '.tools/playwright-results.json' }],
  ],
  webServer: [
    {
      // A fake GitHub (REST API and git over HTTP) with an empty folder of repositories.
      command: `node --require @backstage/cli/config/nodeTransform.cjs plugins/scaffolder-backend-module-compliance/src/__testUtils__/fakeGitHubServer.ts --port ${process.env.FAKE_GITHUB_PORT} --root ${process.env.FAKE_GITHUB_ROOT}`,
      port: Number(process.env.FAKE_GITHUB_PORT),
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The embedded defaults plus example entities with deployed stacks of a fake account,
      // and the fake GitHub's integration.
      command:
        'bash scripts/start.sh --config app-config.yaml --config e2e/app-config.e2e.yaml',
      url: appUrl,
      // Never someone else's portal: a test run starts and stops its own.
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? appUrl,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir: '.tools/e2e-test-results',
});

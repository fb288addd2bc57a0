import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the running portal, in Debian's Chromium
 * (`npx playwright install` cannot download a browser on these machines).
 * The web servers are started with the same script as `./run start`, on the ports that
 * `scripts/test.sh` chose (PORTAL_APP_PORT, PORTAL_BACKEND_PORT; defaults 3000 and 7007),
 * with e2e/app-config.e2e.yaml on top of the embedded defaults.
 */
const appUrl = `http://localhost:${process.env.PORTAL_APP_PORT ?? '3000'}`;

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
  webServer: {
    // The embedded defaults plus example entities with deployed stacks of a fake account.
    command:
      'bash scripts/start.sh --config app-config.yaml --config e2e/app-config.e2e.yaml',
    url: appUrl,
    // Never someone else's portal: a test run starts and stops its own.
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
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

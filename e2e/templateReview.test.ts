import { allowConsole, test, expect } from './consoleGate';
import { signIn, saveScreenshot, fillAwsServiceForm } from './helpers';

test.describe.configure({ mode: 'serial' });

test('a tech lead reviews the aws-service template (diff, conformance report) and approves it', async ({
  page,
}) => {
  // The first review pass dry-runs the template through the real scaffolder after the
  // portal's start; on a loaded 2-core machine that has taken over three minutes.
  test.setTimeout(480_000);
  await signIn(page);
  await page.goto('/compliance/templates');
  const list = page.getByRole('table');
  await expect(
    list.getByText('Node.js service on ECS Fargate (reference architecture)'),
  ).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(page, 'template-reviews-queue');

  await list
    .getByRole('link', {
      name: 'Node.js service on ECS Fargate (reference architecture)',
    })
    .click();
  await expect(page).toHaveURL(
    /\/compliance\/templates\/default\/aws-service$/,
  );
  // The review pass dry-runs the version with its default inputs; wait for its report, reloading
  // between tries. Each try waits for the page to render: an immediate isVisible() right after a
  // reload reads the page before it has drawn, which once kept this loop going for 8 minutes.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByText('Generated infrastructure:').first(),
    ).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 420_000, intervals: [5_000] });
  // The report is shown for the current version and again in its version history.
  await expect(
    page.getByText('Generated infrastructure:').first(),
  ).toBeVisible();
  await expect(
    page.getByText(/control results pass, 0 fail/).first(),
  ).toBeVisible();
  await expect(page.getByText(/^Passing controls/).first()).toBeVisible();
  await expect(
    page.getByText('Changes since the approved version'),
  ).toBeVisible();

  const approve = page.getByRole('button', {
    name: /^Approve version [a-f0-9]{16}$/,
  });
  if (await approve.isVisible()) {
    // First review: everything is new; the diff shows the skeleton's Dockerfile with its non-root user.
    await expect(page.getByLabel('diff of skeleton/Dockerfile')).toContainText(
      'USER',
    );
    await saveScreenshot(page, 'template-review-aws-service-pending');
    await page
      .getByLabel('Comment (required to reject)')
      .fill('Reviewed the diff and the conformance report');
    await approve.click();
  }
  await expect(page.getByText('The current version is approved')).toBeVisible();
  await expect(
    page.getByText(/approved by user:default\/guest/).first(),
  ).toBeVisible();
  await saveScreenshot(page, 'template-review-aws-service-approved');
});

// The e2e portal runs on the embedded defaults: no GITHUB_TOKEN, so no GitHub integration with a
// token. The template says so before the form starts, and the run is refused before any step.
// (The published run, with its output links, is tested against a fake GitHub in
// plugins/scaffolder-backend-module-compliance/src/publish.test.ts.)
test('without a GitHub integration the approved aws-service template says so up front and its run is refused before any step', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // The scaffolder answers 400, which the browser logs. The refusal is nothing else: the portal's
  // scaffolder client (packages/app modules/scaffolderApi) shows its sentence in the alert and
  // leaves no rejection unhandled, so the console gate also proves that no "Uncaught (in
  // promise)" reached the page (the development overlay draws those).
  allowConsole(page, {
    pattern:
      /^Failed to load resource: the server responded with a status of 400 \(Bad Request\) \(http:\/\/[^)\s]+\/api\/scaffolder\/v2\/tasks(:\d+)?\)$/,
    why: 'the refused run this test provokes',
  });
  await signIn(page);
  await page.goto('/create');
  await expect(
    page.getByText(/Publishing needs the portal's GitHub integration/).first(),
  ).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(page, 'template-card-publishing-note');

  await page.goto('/create/templates/default/aws-service');
  await expect(
    page.getByText(/the run is refused before any step/).first(),
  ).toBeVisible();
  await expect(
    page.getByText('GITHUB_TOKEN=<your token> ./run start').first(),
  ).toBeVisible();
  await fillAwsServiceForm(page, 'template-run-form');
  const refusedTask = () =>
    page.waitForResponse(
      r =>
        r.request().method() === 'POST' &&
        /\/api\/scaffolder\/v2\/tasks$/.test(r.url()) &&
        r.status() === 400,
    );
  let refused = refusedTask();
  await page.getByRole('button', { name: 'Create' }).click();
  await refused;

  const sentence =
    /Publishing to github\.com needs a GitHub integration with a token for github\.com/;
  await expect(page.getByText(sentence).first()).toBeVisible({
    timeout: 60_000,
  });
  // The toast carries the first sentence only; the form it reopens says how to set it up.
  await expect(
    page.getByText(
      /so nothing was run\. The top of the form says what to do next\./,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(/GITHUB_TOKEN=<token> \.\/run start/),
  ).toHaveCount(0);
  // No development error overlay (webpack-dev-server's client overlay, react-refresh's): the
  // stock wizard leaves a rejected run unhandled, which they draw with the browser's call stack.
  const overlays = page.locator(
    '#webpack-dev-server-client-overlay, #react-refresh-overlay',
  );
  await expect(overlays).toHaveCount(0);
  // One sentence: neither the answer's JSON nor the server's stack is on the page.
  await expect(
    page.getByText(/"statusCode"|"stack":|Backend request failed/),
  ).toHaveCount(0);
  // Refused before any step: no task page was opened. The form is open again with the values
  // just entered (the stock wizard could not create again after a failed run).
  await expect(page).not.toHaveURL(/\/create\/tasks\//);
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/aws-service\?formData=/,
  );
  await expect(page.getByLabel('Name').first()).toHaveValue('orders-api');
  await expect(
    page.getByRole('textbox', { name: 'Owner' }).first(),
  ).toHaveValue('Platform Engineering');
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await saveScreenshot(page, `template-run-refused-without-github-${width}`);
  }

  // And it can create again: through the pages with the values kept, a second refused run.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText('orders-api').first()).toBeVisible();
  refused = refusedTask();
  await page.getByRole('button', { name: 'Create' }).click();
  await refused;
  await expect(page.getByLabel('Name').first()).toHaveValue('orders-api');
  await expect(page.getByText(sentence).first()).toBeVisible();
  await expect(overlays).toHaveCount(0);
});

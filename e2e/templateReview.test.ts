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
  // The review pass dry-runs the version with its default inputs; wait for its report.
  for (
    let i = 0;
    i < 60 &&
    !(await page.getByText('Generated infrastructure:').first().isVisible());
    i++
  ) {
    await page.waitForTimeout(5_000);
    await page.reload();
  }
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
  // The refusal is this test's point. The scaffolder answers 400 and its stock wizard
  // (TemplateWizardPage) leaves the rejection unhandled; the portal's scaffolder client
  // (packages/app modules/scaffolderApi) has made it the backend's one sentence.
  const why =
    'the refused run this test provokes (the stock wizard rethrows it)';
  allowConsole(
    page,
    {
      pattern:
        /^Failed to load resource: the server responded with a status of 400 \(Bad Request\) \(http:\/\/[^)\s]+\/api\/scaffolder\/v2\/tasks(:\d+)?\)$/,
      why,
    },
    {
      pattern:
        /^TaskRefused: Publishing to github\.com needs a GitHub integration/,
      why,
    },
  );
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
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page
      .getByText(
        /Publishing to github\.com needs a GitHub integration with a token for github\.com/,
      )
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText(/GITHUB_TOKEN=<token> \.\/run start/).first(),
  ).toBeVisible();
  // One sentence: neither the answer's JSON nor the server's stack is on the page.
  await expect(
    page.getByText(/"statusCode"|"stack":|Backend request failed/),
  ).toHaveCount(0);
  // Refused before any step: no task page was opened.
  await expect(page).not.toHaveURL(/\/create\/tasks\//);
  await saveScreenshot(page, 'template-run-refused-without-github');
});

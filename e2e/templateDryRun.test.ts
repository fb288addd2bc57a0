import { Page } from '@playwright/test';
import { allowConsole, test, expect } from './consoleGate';
import fs from 'fs';
import path from 'path';
import { signIn, saveScreenshot, fillAwsServiceForm } from './helpers';

/** Every file of a template folder, as the template editor would read it from disk. */
function readTemplateFolder(root: string): { path: string; content: string }[] {
  const files: { path: string; content: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          content: fs.readFileSync(full, 'utf8'),
        });
    }
  };
  walk(root);
  return files;
}

/**
 * Opens a template folder in the portal's template editor (Create → Template Editor → Load Template
 * Directory). The editor reads a local folder through the browser's File System Access API and
 * Playwright cannot answer the operating system's folder dialog, so the picker hands over a real
 * directory handle of the origin-private file system, filled with the given files.
 */
async function openInTemplateEditor(
  page: Page,
  files: { path: string; content: string }[],
) {
  await page.addInitScript(() => {
    (window as any).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle(
        'template-under-edit',
      );
  });
  await signIn(page);
  await page.evaluate(async templateFiles => {
    const root = await navigator.storage.getDirectory();
    await root
      .removeEntry('template-under-edit', { recursive: true })
      .catch(() => undefined);
    const folder = await root.getDirectoryHandle('template-under-edit', {
      create: true,
    });
    for (const file of templateFiles) {
      const parts = file.path.split('/');
      let dir = folder;
      for (const part of parts.slice(0, -1))
        dir = await dir.getDirectoryHandle(part, { create: true });
      const handle = await dir.getFileHandle(parts[parts.length - 1], {
        create: true,
      });
      const writable = await handle.createWritable();
      await writable.write(file.content);
      await writable.close();
    }
  }, files);
  await page.goto('/create/edit');
  await page.getByText('Load Template Directory').click();
  await expect(page).toHaveURL(/\/create\/edit\/template$/);
  // The editor selects the first YAML file; make sure the form previewed is the template's.
  await page.getByText('template.yaml', { exact: true }).click();
}

/** The dry-run panel's log of one step of the selected result. */
async function stepLog(page: Page, stepName: string) {
  const results = page
    .getByText('Dry-run results')
    .locator('xpath=ancestor::*[contains(@class,"MuiAccordion-root")][1]');
  await results.getByRole('tab', { name: 'Log' }).click();
  await results.getByRole('button', { name: stepName }).click();
  return results;
}

const awsService = path.resolve(__dirname, '../templates/aws-service');

test('the aws-service form is filled in the template editor and its dry run passes the compliance step', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openInTemplateEditor(page, readTemplateFolder(awsService));
  await fillAwsServiceForm(page, 'template-dry-run-form');
  await expect(
    page.getByRole('cell', { name: 'orders-api', exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The scaffolder ran every step in dry-run mode on the files in the editor.
  await expect(page.getByText('Result 1')).toBeVisible({ timeout: 120_000 });
  const results = await stepLog(
    page,
    'Check against the reference architecture',
  );
  await expect(
    results.getByText(
      /(?<![\w./-])infra\/service\.yaml: pass \(score 100\), \d+ pass, 0 fail/,
    ),
  ).toBeVisible();
  await saveScreenshot(page, 'template-dry-run-log');
  await results.getByRole('button', { name: 'Summary' }).click();
  await expect(
    results
      .getByText(
        /orders-api: compliance pass \(0 failing control\(s\) at or above low\)/,
      )
      .last(),
  ).toBeVisible();

  // The generated files, including the report and the catalog entry stamped as a dry run.
  await results.getByRole('tab', { name: 'Files' }).click();
  await results.getByText('catalog-info.yaml', { exact: true }).click();
  await expect(
    results.getByText(
      'refarch.dev/template: template:default/aws-service@dry-run',
    ),
  ).toBeVisible();
  await results.getByText('compliance-report.json', { exact: true }).click();
  await expect(results.getByText('"failing": []').first()).toBeVisible();
  await results.getByRole('tab', { name: 'Output' }).click();
  await expect(
    results.getByText(/pass\*?\*? — 0 failing control/),
  ).toBeVisible();
  await page.getByText('Dry-run results').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'template-dry-run-passed');
});

test('a weakened skeleton fails the dry run in the template editor, naming the control', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const files = readTemplateFolder(awsService).map(f =>
    f.path === 'skeleton/infra/service.yaml'
      ? {
          ...f,
          content: f.content.replace(
            'ReadonlyRootFilesystem: true',
            'ReadonlyRootFilesystem: false',
          ),
        }
      : f,
  );
  expect(
    files.find(f => f.path === 'skeleton/infra/service.yaml')?.content,
  ).toContain('ReadonlyRootFilesystem: false');
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent =
        '#react-refresh-overlay, #webpack-dev-server-client-overlay { display: none !important; }';
      document.head.append(style);
    });
  });
  // The failing dry run is this test's point: the scaffolder answers 400 and the stock editor
  // rethrows the rejection.
  const why = 'a failing step fails the dry run with 400 (the test expects it)';
  allowConsole(
    page,
    {
      pattern:
        /^Failed to load resource: the server responded with a status of 400 \(Bad Request\) \(http:\/\/[^)\s]+\/api\/scaffolder\/v2\/dry-run(:\d+)?\)$/,
      why,
    },
    { pattern: /^ResponseError: Request failed with 400 Bad Request/, why },
  );
  await openInTemplateEditor(page, files);
  await fillAwsServiceForm(page, 'template-dry-run-weakened-form');
  await page.getByRole('button', { name: 'Create' }).click();

  // A failing step fails the scaffolder's dry run as a whole (400): the editor shows the step's
  // error under the template text. (The stock editor also rethrows the rejection,
  // which the development server's overlays display; they are hidden above.)
  const error = page.getByText(
    /compliance:validate: 1 failing control\(s\) at or above low/,
  );
  await expect(error).toBeVisible({ timeout: 120_000 });
  await expect(error).toContainText('infra/service.yaml: HRD-01');
  await expect(page.getByText('Result 1')).toHaveCount(0);
  // The portal's alert repeats the HTTP status; close it so the screenshot shows the step's error.
  const alert = page.getByRole('alertdialog', {
    name: 'Request failed with 400 Bad Request',
  });
  await alert.getByRole('button', { name: 'Close' }).click();
  await expect(alert).toBeHidden();
  await saveScreenshot(page, 'template-dry-run-failed');
});

import { Page } from '@playwright/test';
import { test, expect } from './consoleGate';
import { signIn, saveScreenshot } from './helpers';

/*
 * The templates' catalog pickers (issue 15): the compliance plugin's ComplianceEntityPicker finds
 * an entity by its name as well as by its title (the catalog searches both), shows each match's
 * title with its ref below, stores the full ref, and says when nothing is named or titled what
 * was typed. The stock pickers matched titles only: neither name below finds anything there.
 */
const owner = {
  name: 'medtech-devops-team',
  title: 'MedTech DevOps Team',
  ref: 'group:default/medtech-devops-team',
};
const system = {
  name: 'set-platform-prod-eu',
  title: 'Production (AWS account set-prod-eu)',
  ref: 'system:default/set-platform-prod-eu',
};

/** Types an entity's name into a picker and waits for the catalog's match (it may still be loading). */
async function findByName(
  page: Page,
  label: string,
  entity: { name: string; title: string; ref: string },
) {
  const box = page.getByRole('textbox', { name: label }).first();
  const match = page.getByRole('option').filter({ hasText: entity.ref });
  // Right after the portal's start the catalog may not hold the entity yet: type again.
  await expect(async () => {
    await box.click();
    await box.fill('');
    await box.fill(entity.name);
    await expect(match).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  await expect(match).toContainText(entity.title);
  await expect(page.getByRole('option')).toHaveCount(1);
  return { box, match };
}

test('the aws-service form finds an owner group and a system by their names, though their titles differ, and says when nothing is named or titled so', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/create/templates/default/aws-service');

    const ownerPick = await findByName(page, 'Owner', owner);
    await saveScreenshot(page, `entity-picker-owner-list-${width}`);
    await ownerPick.match.click();
    await expect(ownerPick.box).toHaveValue(owner.title);

    const systemPick = await findByName(page, 'System', system);
    await saveScreenshot(page, `entity-picker-system-list-${width}`);
    await systemPick.match.click();
    await expect(systemPick.box).toHaveValue(system.title);
    await expect(ownerPick.box).toHaveValue(owner.title);

    // Nonsense: the list says so, in the words of the field's kind.
    const environment = page.getByRole('textbox', { name: 'System' }).first();
    await environment.click();
    await environment.fill('zzqx-nothing');
    await expect(
      page.getByText("No System named or titled 'zzqx-nothing'"),
    ).toBeVisible();
    await saveScreenshot(page, `entity-picker-no-match-${width}`);
    // Leaving the box keeps the chosen system.
    await page.getByLabel('Name').first().click();
    await expect(systemPick.box).toHaveValue(system.title);
    await saveScreenshot(page, `entity-picker-filled-${width}`);
  }
});

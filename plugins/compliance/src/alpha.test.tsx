import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  registerMswTestHooks,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import plugin, {
  compliancePage,
  entityComplianceCard,
  entityComplianceContent,
  entityDrCard,
  entityPickerField,
  tierPickerField,
} from './alpha';
import {
  entity,
  entityHandlers,
  renderCompliance,
} from './__testUtils__/renderCompliance';

const ofKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('compliance plugin (new frontend system)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('is the compliance plugin with its page, cards and entity tab', () => {
    expect(plugin.id).toBe('compliance');
    // getExtension is typed by the plugin's extension ids: these compile only if the ids exist.
    expect(plugin.getExtension('page:compliance')).toMatchObject({
      kind: 'page',
    });
    expect(plugin.getExtension('entity-card:compliance/summary')).toMatchObject(
      { kind: 'entity-card', name: 'summary' },
    );
    expect(plugin.getExtension('entity-card:compliance/dr')).toMatchObject({
      kind: 'entity-card',
      name: 'dr',
    });
    expect(plugin.getExtension('entity-content:compliance')).toMatchObject({
      kind: 'entity-content',
    });
    expect(plugin.getExtension('api:compliance')).toMatchObject({
      kind: 'api',
    });
  });

  it("provides the templates' tier field ComplianceTierPicker to the scaffolder", async () => {
    expect(
      plugin.getExtension('scaffolder-form-field:compliance/tier-picker'),
    ).toMatchObject({ kind: 'scaffolder-form-field' });
    const load = createExtensionTester(tierPickerField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = (await load()) as any;
    // createFormField wraps the options; the name is what templates write in ui:field.
    expect(JSON.stringify(field)).toContain('ComplianceTierPicker');
  });

  it("provides the templates' catalog picker ComplianceEntityPicker to the scaffolder", async () => {
    expect(
      plugin.getExtension('scaffolder-form-field:compliance/entity-picker'),
    ).toMatchObject({ kind: 'scaffolder-form-field' });
    const load = createExtensionTester(entityPickerField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    expect(JSON.stringify(await load())).toContain('ComplianceEntityPicker');
  });

  it('mounts the fleet page at /compliance with a title and icon for the nav', () => {
    const tester = createExtensionTester(compliancePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/compliance');
    expect(tester.get(coreExtensionData.title)).toBe('Compliance');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('adds the "Compliance" entity tab for assessed kinds only', () => {
    const tester = createExtensionTester(entityComplianceContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('compliance');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Compliance',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(
      ['Component', 'Resource', 'System', 'Group', 'API'].map(k =>
        filter(ofKind(k)),
      ),
    ).toEqual([true, true, true, false, false]);
  });

  it('shows the cards on components, resources and systems', () => {
    const summary = createExtensionTester(entityComplianceCard);
    const dr = createExtensionTester(entityDrCard);
    for (const filter of [
      summary.get(EntityCardBlueprint.dataRefs.filterFunction)!,
      dr.get(EntityCardBlueprint.dataRefs.filterFunction)!,
    ]) {
      expect(
        ['component', 'resource', 'system', 'user'].map(k => filter(ofKind(k))),
      ).toEqual([true, true, true, false]);
    }
    expect(summary.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    expect(dr.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });

  it('renders the summary card it loads', async () => {
    server.use(...entityHandlers());
    renderCompliance(
      createExtensionTester(entityComplianceCard).reactElement(),
      { entity },
    );
    expect(await screen.findByText('Score 67%')).toBeInTheDocument();
  });
});

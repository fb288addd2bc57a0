import {
  CompliancePage,
  ComplianceEntityPickerFieldExtension,
  ComplianceTierPickerFieldExtension,
  EntityComplianceCard,
  EntityComplianceContent,
  EntityDrCard,
  compliancePlugin,
} from './plugin';

describe('compliance plugin (legacy frontend system)', () => {
  it('exports the plugin and its extensions', () => {
    expect(compliancePlugin.getId()).toBe('compliance');
    expect(compliancePlugin.getApis()).toHaveLength(1);
    for (const extension of [
      CompliancePage,
      EntityComplianceCard,
      EntityComplianceContent,
      EntityDrCard,
      ComplianceTierPickerFieldExtension,
      ComplianceEntityPickerFieldExtension,
    ]) {
      expect(extension).toBeDefined();
    }
  });
});

/**
 * Compliance and disaster-recovery status of catalog entities: entity cards, the entity tab
 * and the fleet page. The new frontend system plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  compliancePlugin,
  EntityComplianceCard,
  EntityDrCard,
  EntityComplianceContent,
  CompliancePage,
  ComplianceTierPickerFieldExtension,
  ComplianceTemplateGateFieldExtension,
  ComplianceEntityPickerFieldExtension,
} from './plugin';
export * from './api';

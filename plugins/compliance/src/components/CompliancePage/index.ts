export { CompliancePage } from './CompliancePage';
export { ComplianceFleetPage } from './ComplianceFleetPage';

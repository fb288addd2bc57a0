export { CompliancePage } from './CompliancePage';
export { ComplianceFleetPage, ComplianceRoutes } from './ComplianceFleetPage';

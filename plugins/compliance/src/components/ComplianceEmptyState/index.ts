export { ComplianceEmptyState } from './ComplianceEmptyState';

export { complianceApiRef } from './ComplianceApi';
export type { ComplianceApi } from './ComplianceApi';
export { ComplianceClient } from './ComplianceClient';
export type * from './types';

/**
 * The compliance engine: the reference-architecture policy, CloudFormation analysis, the
 * control library, the DR estimator and the evaluator.
 *
 * @packageDocumentation
 */
export * from './cloudformation';
export { controlImplementations } from './controls';
export type { ControlImplementation, CheckOutcome } from './controls';
export { defaultPolicy } from './policy/defaultPolicy';
export { defaultControls } from './policy/defaultControls';
export { loadPolicy } from './policy/loadPolicy';
export { RECOVERY_ASSUMPTIONS } from './dr/recoveryAssumptions';
export { drComponentsFromTemplate } from './dr/drComponents';
export type { DrComponent } from './dr/drComponents';
export { estimateDr } from './dr/estimateDr';
export type { EvidenceInput, DrInput } from './dr/estimateDr';
export { estimateComponent } from './dr/estimateComponent';
export type {
  ComponentEstimate,
  ComponentRecovery,
} from './dr/estimateComponent';
export { evaluateEntity } from './evaluator/evaluateEntity';
export {
  computeInputHash,
  computePolicyHash,
} from './evaluator/computeInputHash';
export { selectProfile } from './evaluator/selectProfile';
export type {
  EvaluationInput,
  TemplateInput,
  WaiverInput,
} from './evaluator/EvaluationInput';
export {
  checkWorkspace,
  findTemplates,
  failuresAtOrAbove,
} from './cli/checkWorkspace';
export type { TemplateReport } from './cli/checkWorkspace';
export {
  DEFAULT_TECH_LEAD_GROUP,
  approversOf,
  isTechLead,
  readTechLeadGroups,
} from './techLeads';

/**
 * CloudFormation analysis: parsing templates safely and resolving them to
 * the values they would deploy.
 */
export { Unknown, isUnknown } from './Unknown';
export { ResourceReference, isResourceReference } from './ResourceReference';
export { TemplateError, isTemplateError } from './TemplateError';
export type { TemplateErrorCode } from './TemplateError';
export { parseTemplate } from './parseTemplate';
export type {
  CloudFormationParameter,
  CloudFormationResource,
  CloudFormationTemplate,
  ParseOptions,
  ParsedTemplate,
} from './parseTemplate';
export { resolveTemplate } from './resolveTemplate';
export type {
  ResolveOptions,
  ResolvedResource,
  ResolvedTemplate,
} from './resolveTemplate';
export { getPath } from './getPath';
export type { WorkLimits } from './WorkBudget';

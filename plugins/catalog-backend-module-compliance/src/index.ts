/**
 * Catalog module that validates the compliance annotations of entities.
 *
 * @packageDocumentation
 */
export { catalogModuleCompliance as default } from './module';
export {
  ComplianceAnnotationsProcessor,
  ANNOTATION_ERRORS,
} from './ComplianceAnnotationsProcessor';

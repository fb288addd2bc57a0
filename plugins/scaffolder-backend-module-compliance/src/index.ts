/**
 * The compliance module for @backstage/plugin-scaffolder-backend: `compliance:validate`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCompliance as default } from './module';
export { createValidateAction } from './actions/validate';
export { createDeployAction } from './actions/deploy';

/**
 * Types, fact vocabulary, annotation names and permissions shared by the compliance plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './componentClasses';
export * from './facts';
export * from './durations';
export * from './parseFactValue';
export * from './readComplianceAnnotations';
export * from './readGroupRef';
export * from './plausibility';
export * from './permissions';
export * from './types';
export * from './statusModel';
export * from './platform';
export * from './apiTypes';
export * from './liveTypes';
export * from './client/createComplianceFetchClient';
export type { components, paths, operations } from './generated/openapi';

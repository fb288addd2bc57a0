/**
 * The compliance backend plugin.
 *
 * @packageDocumentation
 */
export { compliancePlugin as default } from './plugin';

export { compliancePlugin as default } from './plugin';

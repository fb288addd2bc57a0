export { RollUpSummary } from './RollUpSummary';

export { RollUpSummary } from './RollUpSummary';
export { RollUpTrend } from './RollUpTrend';

export { StatusChip, statusLabel, statusTone } from './StatusChip';
export type { Tone } from './StatusChip';

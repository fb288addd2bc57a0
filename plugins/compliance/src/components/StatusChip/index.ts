export { StatusChip, statusLabel } from './StatusChip';

export { ControlResultsTable } from './ControlResultsTable';
export type { ControlResultsTableProps } from './ControlResultsTable';
export type { ControlRow } from './controlRows';

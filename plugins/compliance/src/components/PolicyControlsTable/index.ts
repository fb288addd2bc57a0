export { PolicyControlsTable } from './PolicyControlsTable';

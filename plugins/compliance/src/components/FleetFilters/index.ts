export { FleetFilters } from './FleetFilters';
export type { FleetFilterOptions } from './FleetFilters';
export { FilterSelect } from './FilterSelect';

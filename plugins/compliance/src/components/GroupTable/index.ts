export { GroupTable } from './GroupTable';

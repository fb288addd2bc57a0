export { StatusHistory } from './StatusHistory';

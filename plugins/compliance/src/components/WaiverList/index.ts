export { WaiverList } from './WaiverList';

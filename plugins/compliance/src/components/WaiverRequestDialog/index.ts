export { WaiverRequestDialog } from './WaiverRequestDialog';

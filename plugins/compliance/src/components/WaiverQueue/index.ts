export { WaiverQueueView } from './WaiverQueueView';
export { WaiverQueueTable } from './WaiverQueueTable';

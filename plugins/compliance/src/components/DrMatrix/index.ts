export { DrMatrixView } from './DrMatrixPage';
export { DrMatrixTable } from './DrMatrixTable';

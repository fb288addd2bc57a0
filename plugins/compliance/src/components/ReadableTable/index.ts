export { ReadableTable, TruncatedText } from './ReadableTable';

export { StatusBars } from './StatusBars';
export { StatusBar } from './StatusBar';

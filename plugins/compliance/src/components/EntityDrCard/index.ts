export { EntityDrCard } from './EntityDrCard';

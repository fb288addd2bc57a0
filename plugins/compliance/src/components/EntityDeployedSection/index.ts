export { EntityDeployedSection } from './EntityDeployedSection';

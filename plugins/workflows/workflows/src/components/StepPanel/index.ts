export { StepPanel } from './StepPanel';

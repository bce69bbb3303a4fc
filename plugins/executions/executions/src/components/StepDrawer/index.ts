export { StepDrawer } from './StepDrawer';

export { RunGraph } from './RunGraph';
export { StepStatusBadge } from './StepStatusBadge';

export { SuggestedNextSteps } from './SuggestedNextSteps';
export type { SuggestedNextStepsProps } from './SuggestedNextSteps';
export type { WorkflowStepLike } from './nextStepsRequest';

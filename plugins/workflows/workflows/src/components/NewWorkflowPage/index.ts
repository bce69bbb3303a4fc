export { NewWorkflowPage } from './NewWorkflowPage';

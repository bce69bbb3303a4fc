export { WorkflowPage } from './WorkflowPage';

export { WorkflowListPage } from './WorkflowListPage';

export { WorkflowEditor } from './WorkflowEditor';
export type { WorkflowEditorProps } from './WorkflowEditor';

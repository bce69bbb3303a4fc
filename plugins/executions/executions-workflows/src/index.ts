/**
 * The Temporal interpreter workflow of the executions capability: its
 * contract (arguments, result, activities), the update and query it
 * answers, and where its code is for workers to bundle.
 *
 * @packageDocumentation
 */

export * from './contract';
export * from './definitions';
export type { InterpreterCarry, StepProgress } from './plan';
export {
  ensureWorkflowBundle,
  workflowBundlePath,
  workflowsPath,
} from './bundle';

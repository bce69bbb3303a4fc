import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApprovalDecision, InterpreterState } from './contract';

/**
 * Decides the approval (or budget) decision a run waits for. The validator
 * refuses a decision for a step that is not waiting, or one that is neither
 * `approve` nor `reject`; the API checks permissions and approvers before it
 * sends one.
 *
 * @public
 */
export const decideApprovalUpdate = defineUpdate<void, [ApprovalDecision]>(
  'decideApproval',
);

/** The interpreter's live state: run and step statuses, cost, pending approval. @public */
export const getStateQuery = defineQuery<InterpreterState>('getState');

/** Failure types the `decideApproval` validator rejects a decision with. @public */
export const APPROVAL_UPDATE_ERRORS = {
  /** The decision is not `approve` or `reject`, or names no decider. */
  invalid: 'InvalidDecision',
  /** The step named is not waiting for a decision (anymore). */
  notPending: 'ApprovalNotPending',
} as const;

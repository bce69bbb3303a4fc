import type {
  ExecutionRecord,
  PendingApproval,
} from '@ai-ops/plugin-executions-common';
import { sameRef } from './refs';

/**
 * Whether a user who holds the approve permission may decide `pending` of
 * `run`, given the user's ownership entity refs: any such user when the step
 * names roles (the role is what the permission policy checks), else an owner
 * of the run's workflow when `owners` is set, or a member of a listed group.
 * Deciding an approval and the "My approvals" inbox use this one rule.
 */
export function mayDecide(
  ownershipEntityRefs: string[],
  run: Pick<ExecutionRecord, 'owner'>,
  pending: PendingApproval,
): boolean {
  const { approvers } = pending;
  if (approvers.roles.length) return true;
  const holds = (ref: string) => ownershipEntityRefs.some(o => sameRef(o, ref));
  if (approvers.owners && holds(run.owner)) return true;
  return approvers.groups.some(holds);
}

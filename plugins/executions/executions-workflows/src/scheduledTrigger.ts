import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type {
  ScheduleActivities,
  ScheduledRunResult,
  ScheduledTriggerArgs,
} from './contract';

/** The API may be restarting: retry for a few minutes, then give up on this firing. */
const { startScheduledRun } = proxyActivities<ScheduleActivities>({
  startToCloseTimeout: '1m',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['ScheduledRunRefused'],
  },
});

/**
 * What a trigger's Temporal Schedule starts at each firing. A schedule's
 * action carries arguments fixed when it is made, while every run needs a
 * fresh run record, a fresh snapshot of the labelled version and the same
 * validation and concurrency queue as any other start: so this workflow only
 * asks the executions API to start the run (keyed by this workflow's id, so a
 * retried activity starts nothing twice) and returns its id.
 *
 * @public
 */
export async function scheduledTrigger(
  args: ScheduledTriggerArgs,
): Promise<ScheduledRunResult> {
  return startScheduledRun({
    triggerId: args.triggerId,
    idempotencyKey: workflowInfo().workflowId,
  });
}

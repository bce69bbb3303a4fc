import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ExecutionEvent } from '@ai-ops/plugin-executions-common';
import type { ExecutionStore } from '@ai-ops/plugin-executions-node';

/** The console page of a run, as notifications link to it. */
export const runPagePath = (executionId: string) =>
  `/executions/runs/${encodeURIComponent(executionId)}`;

/** `aiworkflow:default/support-triage` reads as `support-triage`. */
const workflowName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

const unique = (refs: (string | undefined)[]) => [
  ...new Set(
    refs
      .filter((r): r is string => !!r && !r.startsWith('service:'))
      .map(r => r.toLocaleLowerCase('en-US')),
  ),
];

/**
 * Backstage notifications about runs, from consumed events (each event is
 * handled once: only when it was first stored). Recipients are entity refs,
 * which the notifications backend resolves through the catalog (a group
 * reaches its members):
 *
 * - `approval.requested`: the approvers of the step: the workflow's owner
 *   when `owners` is set, and the listed groups; the owner when the step
 *   names only roles (role holders are not catalog entities);
 * - `budget.exceeded`: the workflow's owner (budget pauses are decided by the
 *   owners);
 * - `execution.failed`: the workflow's owner and the user who started it.
 *
 * Every notification links to the run page; its `scope` is per run and step,
 * so a repeated notification updates the first instead of adding one.
 *
 * @internal
 */
export class ExecutionNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      store: Pick<ExecutionStore, 'get'>;
      logger?: LoggerService;
    },
  ) {}

  async notify(event: ExecutionEvent): Promise<void> {
    const { notifications } = this.options;
    const name = workflowName(event.data.workflowRef);
    const link = runPagePath(event.subject);
    switch (event.type) {
      case 'ai-ops.approval.requested.v1': {
        const { approvers, stepId, message } = event.data;
        const entityRef = unique([
          ...(approvers?.owners !== false ? [event.data.owner] : []),
          ...((approvers?.groups ?? []) as string[]),
        ]);
        await notifications.send({
          recipients: {
            type: 'entity',
            entityRef: entityRef.length ? entityRef : [event.data.owner],
          },
          payload: {
            title: `Approval requested: ${name} / ${stepId}`,
            description:
              message ??
              `Run ${event.subject} of ${event.data.workflowRef} waits for a decision on step '${stepId}'.`,
            link,
            severity: 'high',
            topic: 'ai-ops.executions.approval',
            scope: `ai-ops.executions:${event.subject}:approval:${stepId}`,
          },
        });
        return;
      }
      case 'ai-ops.budget.exceeded.v1': {
        const { stepId, costUsd, limitUsd } = event.data;
        await notifications.send({
          recipients: { type: 'entity', entityRef: [event.data.owner] },
          payload: {
            title: `Budget approval requested: ${name} / ${stepId}`,
            description: `Run ${event.subject} of ${
              event.data.workflowRef
            } paused at step '${stepId}' because it exceeded its budget${
              costUsd !== undefined && limitUsd !== undefined
                ? ` ($${costUsd.toFixed(2)} of $${limitUsd.toFixed(2)})`
                : ''
            }; approve to let it continue.`,
            link,
            severity: 'high',
            topic: 'ai-ops.executions.approval',
            scope: `ai-ops.executions:${event.subject}:approval:${stepId}`,
          },
        });
        return;
      }
      case 'ai-ops.execution.failed.v1': {
        const run = await this.options.store.get(event.subject);
        const error = event.data.error;
        await notifications.send({
          recipients: {
            type: 'entity',
            entityRef: unique([event.data.owner, run?.createdBy]),
          },
          payload: {
            title: `Run failed: ${name}`,
            description: `Run ${event.subject} of ${event.data.workflowRef}${
              error ? ` failed: ${error.message}` : ' failed'
            }${error?.stepId ? ` (step '${error.stepId}')` : ''}.`,
            link,
            severity: 'high',
            topic: 'ai-ops.executions.failed',
            scope: `ai-ops.executions:${event.subject}:failed`,
          },
        });
        return;
      }
      default:
        return;
    }
  }
}

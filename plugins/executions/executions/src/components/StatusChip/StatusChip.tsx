import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  ExecutionStatus,
  StepStatus,
} from '@ai-ops/plugin-executions-common';

/** Words for each status, as people read them. */
export const STATUS_LABELS: Record<ExecutionStatus | StepStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  pending: 'Pending',
  retrying: 'Retrying',
  waiting: 'Waiting',
  skipped: 'Skipped',
};

/** The status of a run or step with Backstage's status icon. */
export const StatusChip = (props: { status: ExecutionStatus | StepStatus }) => {
  const label = STATUS_LABELS[props.status] ?? props.status;
  switch (props.status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'running':
    case 'retrying':
      return <StatusRunning>{label}</StatusRunning>;
    case 'paused':
    case 'waiting':
      return <StatusWarning>{label}</StatusWarning>;
    case 'cancelled':
    case 'skipped':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
};

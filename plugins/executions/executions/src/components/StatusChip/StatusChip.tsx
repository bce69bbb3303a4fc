import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  STATUS_LABELS,
  type ExecutionStatus,
  type StepStatus,
} from '@ai-ops/plugin-executions-common';

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

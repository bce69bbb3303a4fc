import type { StepStatus } from '@ai-ops/plugin-executions-common';
import { StatusChip } from '../StatusChip';

/** The status of a step in its node and timeline row. */
export const StepStatusBadge = (props: {
  stepId: string;
  status: StepStatus;
}) => (
  <span data-testid={`step-status-${props.stepId}`} data-status={props.status}>
    <StatusChip status={props.status} />
  </span>
);

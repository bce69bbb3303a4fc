import { memo } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { StepStatus } from '@ai-ops/plugin-executions-common';
import type { DefinitionStep } from '../../lib/definition';
import { NODE_WIDTH } from '../../lib/definition';
import { formatDuration, formatUsd } from '../../lib/format';
import { useStepState } from '../../lib/RunStoreContext';
import { StepStatusBadge } from './StepStatusBadge';

/** A node of the run graph: a step of the definition. */
export type RunStepNodeType = Node<{ step: DefinitionStep }, 'step'>;

const useStyles = makeStyles(theme => ({
  node: {
    width: NODE_WIDTH,
    boxSizing: 'border-box',
    padding: theme.spacing(1, 1.5),
    borderRadius: 6,
    borderStyle: 'solid',
    borderWidth: 2,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    boxShadow: theme.shadows[1],
    cursor: 'pointer',
  },
  line: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  title: { fontWeight: 600 },
  footer: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginTop: theme.spacing(0.5),
  },
  handle: { visibility: 'hidden' },
}));

/**
 * A step of the run: what it runs and its live status, attempt, latency and
 * cost. It reads its own step from the run store, so an event of one step
 * re-renders that step's node only.
 */
export const RunStepNode = memo((props: NodeProps<RunStepNodeType>) => {
  const { step } = props.data;
  const classes = useStyles();
  const live = useStepState(step.id);
  const status = live?.status ?? 'pending';
  return (
    <div
      className={classes.node}
      style={{ borderColor: statusColorOf(status) }}
      data-testid={`run-step-${step.id}`}
      data-status={status}
      aria-label={`Step ${step.id}: ${status}`}
    >
      <Handle
        type="target"
        position={Position.Top}
        className={classes.handle}
        isConnectable={false}
      />
      <Typography
        variant="body2"
        className={`${classes.line} ${classes.title}`}
      >
        {step.name ?? step.id}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.line}
      >
        {step.kind === 'approval' ? 'approval' : step.target ?? step.kind}
      </Typography>
      <div className={classes.footer}>
        <StepStatusBadge stepId={step.id} status={status} />
        <Typography variant="caption" color="textSecondary">
          {live && live.attempt > 1 ? `#${live.attempt} · ` : ''}
          {live?.iterations && live.iterations > 1
            ? `${live.iterations}× · `
            : ''}
          {live?.latencyMs !== undefined ? formatDuration(live.latencyMs) : ''}
          {live && live.costUsd > 0 ? ` · ${formatUsd(live.costUsd)}` : ''}
        </Typography>
      </div>
      <Handle
        type="source"
        position={Position.Bottom}
        className={classes.handle}
        isConnectable={false}
      />
    </div>
  );
});

/** Border colours by status. */
export const STATUS_COLORS: Record<StepStatus, string> = {
  succeeded: '#2e7d32',
  failed: '#d32f2f',
  running: '#0288d1',
  retrying: '#ed6c02',
  waiting: '#ed6c02',
  pending: '#9e9e9e',
  skipped: '#bdbdbd',
  cancelled: '#757575',
};

function statusColorOf(status: StepStatus): string {
  return STATUS_COLORS[status];
}

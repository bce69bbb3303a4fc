import { memo } from 'react';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { KIND_LABELS, type StepNode } from '../../lib/flow';
import { NODE_WIDTH } from '../../lib/layout';

const useStyles = makeStyles(theme => ({
  node: {
    width: NODE_WIDTH,
    boxSizing: 'border-box',
    padding: theme.spacing(1, 1.5),
    borderRadius: 6,
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    boxShadow: theme.shadows[1],
  },
  selected: {
    borderColor: theme.palette.primary.main,
    boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
  },
  invalid: {
    borderColor: theme.palette.error.main,
    borderWidth: 2,
  },
  title: {
    fontWeight: 600,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  line: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  footer: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginTop: theme.spacing(0.5),
  },
  issues: {
    color: theme.palette.error.main,
    fontWeight: 600,
    cursor: 'help',
  },
  tooltip: { whiteSpace: 'pre-line' },
  handle: { width: 10, height: 10 },
}));

/**
 * A step in the graph: its id or name, what it runs, its kind, and a red
 * border with the count of its issues (the messages in a tooltip).
 */
export const StepNodeView = memo((props: NodeProps<StepNode>) => {
  const { data, selected, isConnectable } = props;
  const classes = useStyles();
  const issueCount = data.issues.length;
  const classNames = [
    classes.node,
    selected ? classes.selected : '',
    issueCount ? classes.invalid : '',
  ].join(' ');
  return (
    <div
      className={classNames}
      data-testid={`step-node-${data.stepId}`}
      data-invalid={issueCount > 0}
    >
      <Handle
        type="target"
        position={Position.Top}
        isConnectable={isConnectable}
        className={classes.handle}
        data-testid={`target-handle-${data.stepId}`}
        aria-label={`Needs of ${data.stepId}`}
      />
      <Typography variant="body2" className={classes.title}>
        {data.name ?? data.stepId}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.line}
      >
        {data.name ? `${data.stepId} · ` : ''}
        {data.target ||
          (data.kind === 'approval' ? 'waits for a decision' : 'not set')}
      </Typography>
      <div className={classes.footer}>
        <Chip size="small" variant="outlined" label={KIND_LABELS[data.kind]} />
        {issueCount > 0 && (
          <Tooltip
            title={data.issues.join('\n')}
            classes={{ tooltip: classes.tooltip }}
          >
            <Typography
              variant="caption"
              className={classes.issues}
              data-testid={`step-issues-${data.stepId}`}
            >
              {issueCount} {issueCount === 1 ? 'issue' : 'issues'}
            </Typography>
          </Tooltip>
        )}
      </div>
      <Handle
        type="source"
        position={Position.Bottom}
        isConnectable={isConnectable}
        className={classes.handle}
        data-testid={`source-handle-${data.stepId}`}
        aria-label={`Runs before… (from ${data.stepId})`}
      />
    </div>
  );
});

import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type { ExecutionDto } from '@ai-ops/plugin-executions-common';
import {
  elapsedMs,
  formatDuration,
  formatTime,
  formatTokens,
  formatUsd,
} from '../../lib/format';
import { useExecutionsPaths } from '../../lib/paths';
import { useRunState } from '../../lib/RunStoreContext';
import { StatusChip } from '../StatusChip';

const Field = (props: { label: string; children: React.ReactNode }) => (
  <Grid item xs={6} sm={4} md={2}>
    <Typography variant="caption" color="textSecondary" display="block">
      {props.label}
    </Typography>
    <Typography variant="body2" component="div">
      {props.children}
    </Typography>
  </Grid>
);

/**
 * The run at a glance: status (live), workflow (a link to its page) and
 * version (a link to its metrics), trigger, times, cost and tokens, whether
 * it is pinned, and its error or output.
 */
export const RunSummary = (props: { execution: ExecutionDto }) => {
  const { execution } = props;
  const paths = useExecutionsPaths();
  const liveStatus = useRunState(s => s.status);
  const liveCost = useRunState(s => s.costUsd);
  const liveTokens = useRunState(s => s.tokens);
  const liveError = useRunState(s => s.errorMessage);
  const status = liveStatus ?? execution.status;
  const error = execution.error?.message ?? liveError;
  const workflowPage = paths.workflowPage(execution.workflowRef);
  return (
    <Box>
      <Grid container spacing={2}>
        <Field label="Status">
          <span data-testid="run-status" data-status={status}>
            <StatusChip status={status} />
          </span>
        </Field>
        <Field label="Workflow">
          {workflowPage ? (
            <Link component={RouterLink} href={workflowPage}>
              {execution.workflowRef}
            </Link>
          ) : (
            execution.workflowRef
          )}
          <Typography variant="caption" display="block" color="textSecondary">
            version {execution.workflowVersion}
            {execution.workflowLabel
              ? ` (${execution.workflowLabel})`
              : ''} ·{' '}
            <Link
              component={RouterLink}
              href={paths.workflowMetrics(execution.workflowRef)}
            >
              metrics
            </Link>
          </Typography>
        </Field>
        <Field label="Trigger">
          {execution.trigger.type}
          {execution.trigger.fromExecutionId && (
            <Typography variant="caption" display="block">
              of{' '}
              <Link
                component={RouterLink}
                href={paths.run(execution.trigger.fromExecutionId)}
              >
                {execution.trigger.fromExecutionId.slice(0, 8)}
              </Link>
            </Typography>
          )}
        </Field>
        <Field label="Started">
          {formatTime(execution.startedAt ?? execution.queuedAt)}
        </Field>
        <Field label="Duration">
          {formatDuration(elapsedMs(execution.startedAt, execution.finishedAt))}
        </Field>
        <Field label="Cost">
          {formatUsd(liveCost ?? execution.costUsd)}
          {execution.budgetUsd !== undefined && (
            <Typography
              variant="caption"
              display="block"
              color={execution.overBudget ? 'error' : 'textSecondary'}
            >
              budget {formatUsd(execution.budgetUsd)}
              {execution.overBudget ? ' · over budget' : ''}
            </Typography>
          )}
        </Field>
        <Field label="Tokens">
          {formatTokens(liveTokens ?? execution.tokens)}
        </Field>
        <Field label="Owner">{execution.owner}</Field>
        <Field label="Started by">{execution.createdBy ?? '—'}</Field>
        {execution.pinned && (
          <Field label="Retention">
            <span data-testid="run-pinned">Pinned: kept</span>
          </Field>
        )}
      </Grid>
      {error && (
        <Typography
          color="error"
          variant="body2"
          role="alert"
          style={{ marginTop: 8 }}
        >
          {execution.error?.stepId ? `Step ${execution.error.stepId}: ` : ''}
          {error}
        </Typography>
      )}
      {execution.output !== undefined && status === 'succeeded' && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Output
          </Typography>
          <Box
            component="pre"
            m={0}
            p={1}
            bgcolor="background.default"
            style={{ overflow: 'auto', maxHeight: 200, fontSize: 12 }}
            aria-label="Run output"
          >
            {JSON.stringify(execution.output, null, 2)}
          </Box>
        </Box>
      )}
    </Box>
  );
};

import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type { ExecutionDto } from '@ai-ops/plugin-executions-common';
import {
  elapsedMs,
  formatDuration,
  formatTime,
  formatTokens,
  formatUsd,
  shortId,
} from '../../lib/format';
import { parseEntityKey, useExecutionsPaths } from '../../lib/paths';
import { StatusChip } from '../StatusChip';

/**
 * Runs as a table: id (linked to the run), workflow and version (linked to
 * its metrics), status, trigger, owner, start, duration, cost and tokens.
 */
export const RunTable = (props: { items: ExecutionDto[] }) => {
  const paths = useExecutionsPaths();
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Runs">
        <TableHead>
          <TableRow>
            <TableCell>Run</TableCell>
            <TableCell>Workflow</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Trigger</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Queued</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell align="right">Cost</TableCell>
            <TableCell>Tokens</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.items.map(run => {
            const key = parseEntityKey(run.workflowRef);
            return (
              <TableRow key={run.id} hover data-testid={`run-row-${run.id}`}>
                <TableCell>
                  <Link
                    component={RouterLink}
                    href={paths.run(run.id)}
                    aria-label={`Run ${run.id}`}
                  >
                    <code>{shortId(run.id)}</code>
                  </Link>
                </TableCell>
                <TableCell>
                  <Link
                    component={RouterLink}
                    href={paths.workflowMetrics(run.workflowRef)}
                    title="Metrics of this workflow"
                  >
                    {key.namespace}/{key.name}
                  </Link>
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    version {run.workflowVersion}
                    {run.workflowLabel ? ` (${run.workflowLabel})` : ''}
                  </Typography>
                </TableCell>
                <TableCell data-testid={`run-status-${run.id}`}>
                  <StatusChip status={run.status} />
                </TableCell>
                <TableCell>{run.trigger.type}</TableCell>
                <TableCell>{run.owner}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {formatTime(run.queuedAt)}
                </TableCell>
                <TableCell>
                  {formatDuration(elapsedMs(run.startedAt, run.finishedAt))}
                </TableCell>
                <TableCell align="right">{formatUsd(run.costUsd)}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {formatTokens(run.tokens)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
};

import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EXECUTIONS_LIST_SIGNAL_CHANNEL,
  executionApprovePermission,
  type ExecutionSignal,
} from '@ai-ops/plugin-executions-common';
import { executionsApiRef } from '../../api';
import { formatTime, formatUsd, shortId } from '../../lib/format';
import { useExecutionsPaths } from '../../lib/paths';
import { useSignalSubscription } from '../../lib/useSignalSubscription';
import { DecisionDialog, type Decision } from '../DecisionDialog';
import { PanelBoundary } from '../PanelBoundary';

/** Run events after which the inbox may have changed. */
const INBOX_EVENTS = new Set<string>([
  'ai-ops.execution.paused.v1',
  'ai-ops.execution.resumed.v1',
  'ai-ops.execution.succeeded.v1',
  'ai-ops.execution.failed.v1',
  'ai-ops.execution.cancelled.v1',
]);
const RELOAD_DELAY_MS = 300;

interface Deciding {
  executionId: string;
  stepId: string;
  message?: string;
  decision: Decision;
}

/**
 * "My approvals": the runs waiting for a decision the user may make (routed
 * by catalog ownership on the server), oldest request first, kept live. Each
 * can be approved or rejected with a comment.
 */
export const ApprovalsPage = () => {
  const api = useApi(executionsApiRef);
  const paths = useExecutionsPaths();
  const { allowed, loading: checking } = usePermission({
    permission: executionApprovePermission,
  });
  const inbox = useAsyncRetry(() => api.listMyApprovals(), [api]);
  const [deciding, setDeciding] = useState<Deciding>();
  const [decided, setDecided] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const { retry } = inbox;
  useSignalSubscription<ExecutionSignal>(
    EXECUTIONS_LIST_SIGNAL_CHANNEL,
    signal => {
      if (!INBOX_EVENTS.has(signal.type) || timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        retry();
      }, RELOAD_DELAY_MS);
    },
  );

  let body;
  if (checking || (inbox.loading && !inbox.value)) {
    body = <Progress />;
  } else if (!allowed) {
    body = (
      <EmptyState
        missing="data"
        title="You may not decide approvals"
        description="Deciding approvals needs the executions.execution.approve permission."
      />
    );
  } else if (inbox.error) {
    body = <ResponseErrorPanel error={inbox.error} />;
  } else if (inbox.value && inbox.value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="Nothing waits for you"
        description="Runs that wait for your decision appear here as soon as they pause."
      />
    );
  } else if (inbox.value) {
    body = (
      <Table size="small" aria-label="Pending approvals">
        <TableHead>
          <TableRow>
            <TableCell>Run</TableCell>
            <TableCell>Workflow</TableCell>
            <TableCell>Step</TableCell>
            <TableCell>Message</TableCell>
            <TableCell>Requested</TableCell>
            <TableCell>Deadline</TableCell>
            <TableCell align="right">Cost so far</TableCell>
            <TableCell>Decision</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {inbox.value.items.map(item => {
            const { approval } = item;
            const label = `${item.executionId} ${approval.stepId}`;
            const open = (decision: Decision) =>
              setDeciding({
                executionId: item.executionId,
                stepId: approval.stepId,
                message: approval.message,
                decision,
              });
            return (
              <TableRow
                key={`${item.executionId}:${approval.stepId}`}
                data-testid={`approval-${item.executionId}`}
              >
                <TableCell>
                  <Link
                    component={RouterLink}
                    href={paths.run(item.executionId)}
                  >
                    <code>{shortId(item.executionId)}</code>
                  </Link>
                </TableCell>
                <TableCell>
                  {item.workflowRef}
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    version {item.workflowVersion} · {item.owner}
                  </Typography>
                </TableCell>
                <TableCell>
                  {approval.stepId}
                  {approval.kind === 'budget' && (
                    <Typography variant="caption" display="block" color="error">
                      over budget
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{approval.message ?? '—'}</TableCell>
                <TableCell>{formatTime(approval.requestedAt)}</TableCell>
                <TableCell>{formatTime(approval.deadline)}</TableCell>
                <TableCell align="right">{formatUsd(item.costUsd)}</TableCell>
                <TableCell>
                  <Box display="flex" style={{ gap: 4 }}>
                    <Button
                      size="small"
                      variant="contained"
                      color="primary"
                      aria-label={`Approve ${label}`}
                      onClick={() => open('approve')}
                    >
                      Approve
                    </Button>
                    <Button
                      size="small"
                      variant="outlined"
                      aria-label={`Reject ${label}`}
                      onClick={() => open('reject')}
                    >
                      Reject
                    </Button>
                  </Box>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }

  return (
    <Content>
      <ContentHeader title="My approvals">
        <Link component={RouterLink} href={paths.list()}>
          All runs
        </Link>
      </ContentHeader>
      {decided && (
        <Typography variant="body2" role="status" paragraph>
          {decided}
        </Typography>
      )}
      <PanelBoundary title="The approvals">{body}</PanelBoundary>
      {deciding && (
        <DecisionDialog
          executionId={deciding.executionId}
          stepId={deciding.stepId}
          message={deciding.message}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={result => {
            setDeciding(undefined);
            setDecided(
              `${
                result.decision === 'approve' ? 'Approved' : 'Rejected'
              } step ${result.stepId} of run ${shortId(result.id)}.`,
            );
            retry();
          }}
        />
      )}
    </Content>
  );
};

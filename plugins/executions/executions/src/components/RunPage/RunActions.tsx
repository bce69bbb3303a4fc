import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useApi, useAppNavigate } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  executionApprovePermission,
  executionCancelPermission,
  executionRunPermission,
  type ExecutionDto,
} from '@ai-ops/plugin-executions-common';
import { workflowUpdatePermission } from '@ai-ops/plugin-workflows-common';
import { errorMessage, executionsApiRef } from '../../api';
import type { DefinitionStep } from '../../lib/definition';
import { useExecutionsPaths } from '../../lib/paths';
import { useRunState } from '../../lib/RunStoreContext';
import { DecisionDialog, type Decision } from '../DecisionDialog';
import { RerunDialog } from './RerunDialog';

const ACTIVE = ['queued', 'running', 'paused'];
const FINISHED = ['succeeded', 'failed', 'cancelled'];

/**
 * What the user may do with the run, each button shown only to users with
 * the permission and only when the run's state allows it: cancel an active
 * run, resume a failed or cancelled one, re-run a finished one from a step,
 * approve or reject the step it waits on, pin the run so that the retention
 * policy keeps it (or unpin it).
 */
export const RunActions = (props: {
  execution: ExecutionDto;
  steps: DefinitionStep[];
  /** The input schema (`spec.input`) of the run's workflow version, once read. */
  inputSchema?: Record<string, unknown>;
  onChanged(): void;
}) => {
  const { execution, onChanged } = props;
  const api = useApi(executionsApiRef);
  const navigate = useAppNavigate();
  const paths = useExecutionsPaths();
  const canCancel = usePermission({
    permission: executionCancelPermission,
  }).allowed;
  const canRun = usePermission({ permission: executionRunPermission }).allowed;
  const canApprove = usePermission({
    permission: executionApprovePermission,
  }).allowed;
  // Who may update a workflow may pin its runs (the server checks again).
  const canPin = usePermission({
    permission: workflowUpdatePermission,
    resourceRef: execution.workflowRef,
  }).allowed;
  const liveStatus = useRunState(s => s.status);
  const livePending = useRunState(s => s.pendingApproval);
  const status = liveStatus ?? execution.status;
  const pending =
    status === 'paused' ? livePending ?? execution.pendingApproval : undefined;
  const [decision, setDecision] = useState<Decision>();
  const [rerunning, setRerunning] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const message =
    execution.pendingApproval?.stepId === pending?.stepId
      ? execution.pendingApproval?.message
      : undefined;

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      {pending && canApprove && (
        <>
          <Typography variant="body2">
            Waiting on {pending.kind === 'budget' ? 'the budget' : 'approval'}{' '}
            at step <b>{pending.stepId}</b>
          </Typography>
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() => setDecision('approve')}
          >
            Approve
          </Button>
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => setDecision('reject')}
          >
            Reject
          </Button>
        </>
      )}
      {canCancel && ACTIVE.includes(status) && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() =>
            act(async () => {
              await api.cancelExecution(execution.id);
              onChanged();
            })
          }
        >
          Cancel run
        </Button>
      )}
      {canRun && (status === 'failed' || status === 'cancelled') && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() =>
            act(async () => {
              const accepted = await api.resumeExecution(execution.id, {
                idempotencyKey: globalThis.crypto.randomUUID(),
              });
              navigate(paths.run(accepted.id));
            })
          }
        >
          Resume
        </Button>
      )}
      {canRun && FINISHED.includes(status) && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setRerunning(true)}
        >
          Re-run from step…
        </Button>
      )}
      {canPin && (
        <Button
          variant="outlined"
          disabled={busy}
          title={
            execution.pinned
              ? 'Let the retention policy remove this run once it is old'
              : 'Keep this run when the retention policy removes old runs'
          }
          onClick={() =>
            act(async () => {
              await (execution.pinned
                ? api.unpinExecution(execution.id)
                : api.pinExecution(execution.id));
              onChanged();
            })
          }
        >
          {execution.pinned ? 'Unpin' : 'Pin'}
        </Button>
      )}
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
      {pending && (
        <DecisionDialog
          executionId={execution.id}
          stepId={pending.stepId}
          decision={decision}
          message={message}
          onClose={() => setDecision(undefined)}
          onDecided={() => {
            setDecision(undefined);
            onChanged();
          }}
        />
      )}
      {canRun && (
        <RerunDialog
          open={rerunning}
          execution={execution}
          steps={props.steps}
          inputSchema={props.inputSchema}
          initialStepId={execution.error?.stepId}
          onClose={() => setRerunning(false)}
          onStarted={accepted => {
            setRerunning(false);
            navigate(paths.run(accepted.id));
          }}
        />
      )}
    </Box>
  );
};

import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi, useAppNavigate } from '@backstage/frontend-plugin-api';
import {
  errorMessage,
  executionsApiRef,
  workflowDefinitionsApiRef,
} from '../../api';
import { useExecutionsPaths } from '../../lib/paths';

/** Parses the input text: `{}` when empty, else JSON. */
function parseInput(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return { value: {} };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `Input is not JSON: ${(e as Error).message}` };
  }
}

/**
 * Starts a run of a workflow (its `production` label, else its newest
 * version, unless a label is given) with a JSON input, then opens the run.
 */
export const StartRunDialog = (props: { open: boolean; onClose(): void }) => {
  const executionsApi = useApi(executionsApiRef);
  const workflowsApi = useApi(workflowDefinitionsApiRef);
  const navigate = useAppNavigate();
  const paths = useExecutionsPaths();
  const [workflow, setWorkflow] = useState('');
  const [label, setLabel] = useState('');
  const [input, setInput] = useState('{}');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const workflows = useAsync(
    async () =>
      props.open
        ? (
            await workflowsApi.listWorkflows({
              sort: 'name',
              order: 'asc',
              limit: 100,
            })
          ).items
        : [],
    [props.open, workflowsApi],
  );

  const start = async () => {
    const parsed = parseInput(input);
    if (parsed.error) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await executionsApi.startExecution(
        {
          workflow,
          ...(label.trim() ? { label: label.trim() } : {}),
          input: parsed.value,
        },
        { idempotencyKey: globalThis.crypto.randomUUID() },
      );
      props.onClose();
      navigate(paths.run(accepted.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Start a run</DialogTitle>
      <DialogContent>
        <TextField
          select
          id="start-run-workflow"
          fullWidth
          margin="dense"
          label="Workflow"
          value={workflow}
          onChange={e => setWorkflow(e.target.value as string)}
          helperText={
            workflows.error ? errorMessage(workflows.error) : undefined
          }
          error={!!workflows.error}
        >
          {(workflows.value ?? []).map(w => (
            <MenuItem key={w.ref} value={w.ref}>
              {w.title ?? w.name} ({w.namespace}/{w.name})
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="start-run-label"
          fullWidth
          margin="dense"
          label="Label"
          placeholder="production"
          helperText="Runs the version with this label; without one, the production label, else the newest version."
          value={label}
          onChange={e => setLabel(e.target.value)}
        />
        <TextField
          id="start-run-input"
          fullWidth
          multiline
          minRows={4}
          margin="dense"
          label="Input (JSON)"
          value={input}
          onChange={e => setInput(e.target.value)}
          inputProps={{ style: { fontFamily: 'monospace' } }}
        />
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!workflow || busy}
          onClick={start}
        >
          Start
        </Button>
      </DialogActions>
    </Dialog>
  );
};

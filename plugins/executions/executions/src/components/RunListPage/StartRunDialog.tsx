import { useEffect, useState } from 'react';
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
  exampleInput,
  type WorkflowSummaryDto,
} from '@ai-ops/plugin-workflows-common';
import {
  errorMessage,
  executionsApiRef,
  workflowDefinitionsApiRef,
} from '../../api';
import { useExecutionsPaths } from '../../lib/paths';
import {
  describeInputSchema,
  JsonInputField,
  parseJsonInput,
} from '../JsonInputField';

/**
 * The version a run of `workflow` starts, as the API picks it: the given
 * label's, else the `production` label's, else the newest.
 */
function versionToRun(
  workflow: WorkflowSummaryDto,
  label: string,
): { version?: number; because: string } {
  if (label) {
    const version = workflow.labels[label];
    return version === undefined
      ? { because: `No version of ${workflow.name} has the label '${label}'.` }
      : { version, because: `label ${label}` };
  }
  const production = workflow.labels.production;
  return production === undefined
    ? { version: workflow.latestVersion, because: 'the newest' }
    : { version: production, because: 'label production' };
}

/**
 * Starts a run of a workflow (its `production` label, else its newest
 * version, unless a label is given) with a JSON input, then opens the run.
 * Picking a workflow fills the input with what the version to run requires
 * (from its `spec.input` schema) until the user edits it.
 */
export const StartRunDialog = (props: { open: boolean; onClose(): void }) => {
  const executionsApi = useApi(executionsApiRef);
  const workflowsApi = useApi(workflowDefinitionsApiRef);
  const navigate = useAppNavigate();
  const paths = useExecutionsPaths();
  const [workflow, setWorkflow] = useState('');
  const [label, setLabel] = useState('');
  const [input, setInput] = useState('{}');
  // The user changed the input: a newly picked workflow leaves it alone.
  const [edited, setEdited] = useState(false);
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

  const chosen = (workflows.value ?? []).find(w => w.ref === workflow);
  const target = chosen ? versionToRun(chosen, label.trim()) : undefined;
  const targetVersion = target?.version;
  const version = useAsync(async () => {
    if (!chosen || targetVersion === undefined) return undefined;
    return workflowsApi.getVersion(
      { namespace: chosen.namespace, name: chosen.name },
      targetVersion,
    );
  }, [workflowsApi, chosen, targetVersion]);
  const inputSchema = version.value?.document.spec.input;
  useEffect(() => {
    if (!version.value || edited) return;
    setInput(JSON.stringify(exampleInput(inputSchema), null, 2));
  }, [version.value, inputSchema, edited]);

  let inputHelp: string | undefined;
  if (target && target.version === undefined) inputHelp = target.because;
  else if (version.error) inputHelp = errorMessage(version.error);
  else if (version.value && target) {
    inputHelp = `Runs version ${version.value.version} (${
      target.because
    }). ${describeInputSchema(inputSchema)}`;
  }

  const start = async () => {
    const parsed = parseJsonInput(input);
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
        <JsonInputField
          id="start-run-input"
          value={input}
          onChange={value => {
            setEdited(true);
            setInput(value);
          }}
          helperText={inputHelp}
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

import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ExecutionAcceptedDto,
  ExecutionDto,
} from '@ai-ops/plugin-executions-common';
import { errorMessage, executionsApiRef } from '../../api';
import type { DefinitionStep } from '../../lib/definition';
import {
  describeInputSchema,
  JsonInputField,
  parseJsonInput,
} from '../JsonInputField';

/**
 * Re-runs a finished run from a chosen step (that step and every step after
 * it run again, the others' outputs are reused) with an input that may be
 * edited first.
 */
export const RerunDialog = (props: {
  open: boolean;
  execution: ExecutionDto;
  steps: DefinitionStep[];
  /** The input schema (`spec.input`) of the run's workflow version, once read. */
  inputSchema?: Record<string, unknown>;
  initialStepId?: string;
  onClose(): void;
  onStarted(accepted: ExecutionAcceptedDto): void;
}) => {
  const api = useApi(executionsApiRef);
  const { execution } = props;
  const [stepId, setStepId] = useState('');
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    setStepId(props.initialStepId ?? props.steps[0]?.id ?? '');
    setInput(JSON.stringify(execution.input ?? {}, null, 2));
    setError(undefined);
  }, [props.open, props.initialStepId, props.steps, execution.input]);

  const start = async () => {
    const { value: parsed, error: notJson } = parseJsonInput(input);
    if (notJson) {
      setError(notJson);
      return;
    }
    const changed =
      JSON.stringify(parsed) !== JSON.stringify(execution.input ?? {});
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await api.rerunExecution(
        execution.id,
        { fromStepId: stepId, ...(changed ? { input: parsed } : {}) },
        { idempotencyKey: globalThis.crypto.randomUUID() },
      );
      props.onStarted(accepted);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Re-run from a step</DialogTitle>
      <DialogContent>
        <TextField
          select
          id="rerun-from-step"
          fullWidth
          margin="dense"
          label="From step"
          value={stepId}
          onChange={e => setStepId(e.target.value as string)}
          helperText="This step and every step after it run again; the others' outputs are reused."
        >
          {props.steps.map(step => (
            <MenuItem key={step.id} value={step.id}>
              {step.name ? `${step.name} (${step.id})` : step.id}
            </MenuItem>
          ))}
        </TextField>
        <JsonInputField
          id="rerun-input"
          value={input}
          onChange={setInput}
          helperText={
            props.inputSchema && describeInputSchema(props.inputSchema)
          }
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
          variant="contained"
          color="primary"
          disabled={!stepId || busy}
          onClick={start}
        >
          Re-run
        </Button>
      </DialogActions>
    </Dialog>
  );
};

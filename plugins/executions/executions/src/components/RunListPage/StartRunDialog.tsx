import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
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
  versionForRun,
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
import { budgetOf, RunEstimate } from './RunEstimate';

/** Workflows the picker lists: the first of those matching the search. */
const PICKER_SIZE = 100;
const SEARCH_DEBOUNCE_MS = 300;

/** Versions the version picker lists, newest first. */
const PICKED_VERSIONS = 50;

/**
 * What the user picked to run: the API's default (`''`), a label
 * (`label:<name>`) or a version (`version:<n>`).
 */
type Selection = string;

/** The start request's version or label of a selection. */
function selectionOf(choice: Selection): { version?: number; label?: string } {
  if (choice.startsWith('label:')) return { label: choice.slice(6) };
  if (choice.startsWith('version:'))
    return { version: Number(choice.slice(8)) };
  return {};
}

/**
 * The version a run of `workflow` starts, as the API picks it
 * ({@link versionForRun}), and why, in words.
 */
function versionToRun(
  workflow: WorkflowSummaryDto,
  choice: Selection,
): { version?: number; because: string } {
  const selection = selectionOf(choice);
  const chosen = versionForRun(workflow, selection);
  if (!chosen) {
    return {
      because: `No version of ${workflow.name} has the label '${selection.label}'.`,
    };
  }
  let because = 'the newest';
  if (selection.version !== undefined) because = 'picked';
  else if (chosen.label) because = `label ${chosen.label}`;
  return { version: chosen.version, because };
}

/** The picker's choices for a workflow: the default, its labels, its versions. */
function versionChoices(
  workflow: WorkflowSummaryDto,
): Array<{ value: Selection; text: string }> {
  const byDefault = versionForRun(workflow)!;
  const choices = [
    {
      value: '',
      text: `Default: ${
        byDefault.label ? `label ${byDefault.label}` : 'the newest'
      } (version ${byDefault.version})`,
    },
  ];
  for (const [label, version] of Object.entries(workflow.labels).sort()) {
    choices.push({
      value: `label:${label}`,
      text: `Label ${label} (version ${version})`,
    });
  }
  const oldest = Math.max(1, workflow.latestVersion - PICKED_VERSIONS + 1);
  for (let v = workflow.latestVersion; v >= oldest; v--) {
    choices.push({
      value: `version:${v}`,
      text: `Version ${v}${v === workflow.latestVersion ? ' (newest)' : ''}`,
    });
  }
  return choices;
}

/**
 * Starts a run of a workflow (its `production` label, else its newest
 * version, unless a label or a version is picked) with a JSON input, then
 * opens the run.
 * The picker lists the first workflows by name; a search narrows them on
 * the server (name, title, description, tags), so any workflow of a large
 * install can be picked. Picking one fills the input with what the version
 * to run requires (from its `spec.input` schema) until the user edits it,
 * and shows what a run is likely to cost and take, from recent runs.
 */
export const StartRunDialog = (props: { open: boolean; onClose(): void }) => {
  const executionsApi = useApi(executionsApiRef);
  const workflowsApi = useApi(workflowDefinitionsApiRef);
  const navigate = useAppNavigate();
  const paths = useExecutionsPaths();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(search.trim()), SEARCH_DEBOUNCE_MS, [search]);
  const [chosen, setChosen] = useState<WorkflowSummaryDto>();
  const [choice, setChoice] = useState<Selection>('');
  const [input, setInput] = useState('{}');
  // The user changed the input: a newly picked workflow leaves it alone.
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const workflows = useAsync(
    async () =>
      props.open
        ? workflowsApi.listWorkflows({
            ...(q ? { q } : {}),
            sort: 'name',
            order: 'asc',
            limit: PICKER_SIZE,
          })
        : undefined,
    [props.open, workflowsApi, q],
  );
  const listed = workflows.value?.items ?? [];
  // The picked workflow stays pickable when a new search leaves it out.
  const options =
    chosen && !listed.some(w => w.ref === chosen.ref)
      ? [chosen, ...listed]
      : listed;
  const more = workflows.value
    ? workflows.value.totalItems - workflows.value.items.length
    : 0;
  let pickerHelp: string | undefined;
  if (workflows.error) pickerHelp = errorMessage(workflows.error);
  else if (workflows.value && listed.length === 0) {
    pickerHelp = q ? `No workflow matches '${q}'.` : 'There are no workflows.';
  } else if (more > 0) pickerHelp = `${more} more; search to narrow the list.`;

  const target = chosen ? versionToRun(chosen, choice) : undefined;
  const targetVersion = target?.version;
  const version = useAsync(async () => {
    if (!chosen || targetVersion === undefined) return undefined;
    return workflowsApi.getVersion(
      { namespace: chosen.namespace, name: chosen.name },
      targetVersion,
    );
  }, [workflowsApi, chosen, targetVersion]);
  const inputSchema = version.value?.document.spec.input;
  const estimate = useAsync(async () => {
    if (!chosen || targetVersion === undefined) return undefined;
    return executionsApi.getRunEstimate(
      { namespace: chosen.namespace, name: chosen.name },
      { version: targetVersion },
    );
  }, [executionsApi, chosen, targetVersion]);
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
    if (!chosen) return;
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
          workflow: chosen.ref,
          ...selectionOf(choice),
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
          id="start-run-search"
          type="search"
          fullWidth
          margin="dense"
          label="Search workflows"
          value={search}
          onChange={e => setSearch(e.target.value)}
          inputProps={{ maxLength: 200 }}
        />
        <TextField
          select
          id="start-run-workflow"
          fullWidth
          margin="dense"
          label="Workflow"
          value={chosen?.ref ?? ''}
          onChange={e => {
            setChosen(options.find(w => w.ref === e.target.value));
            setChoice('');
          }}
          helperText={pickerHelp}
          error={!!workflows.error}
        >
          {options.map(w => (
            <MenuItem key={w.ref} value={w.ref}>
              {w.title ?? w.name} ({w.namespace}/{w.name})
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="start-run-version"
          fullWidth
          margin="dense"
          label="Version"
          value={choice}
          disabled={!chosen}
          onChange={e => setChoice(e.target.value as Selection)}
        >
          {(chosen ? versionChoices(chosen) : [{ value: '', text: '' }]).map(
            c => (
              <MenuItem key={c.value} value={c.value}>
                {c.text}
              </MenuItem>
            ),
          )}
        </TextField>
        <JsonInputField
          id="start-run-input"
          value={input}
          onChange={value => {
            setEdited(true);
            setInput(value);
          }}
          helperText={inputHelp}
        />
        {estimate.value && (
          <RunEstimate
            estimate={estimate.value}
            budgetUsd={budgetOf(version.value?.document.spec)}
          />
        )}
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
          disabled={!chosen || busy}
          onClick={start}
        >
          Start
        </Button>
      </DialogActions>
    </Dialog>
  );
};

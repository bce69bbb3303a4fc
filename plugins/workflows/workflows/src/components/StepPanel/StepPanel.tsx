import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import { kindOfStep, KIND_LABELS } from '../../lib/flow';
import { setIn } from '../../lib/objects';
import { MappingEditor, TextInput } from '../fields';
import { useFieldId } from '../fields/useFieldId';
import { ApprovalFields } from './ApprovalFields';
import { BehaviourFields } from './BehaviourFields';
import { StepIdField } from './StepIdField';
import { useComponentSchema } from './useComponentSchema';

/** Props of {@link StepPanel}. */
export interface StepPanelProps {
  step: WorkflowStep;
  /** Ids of the other steps, in document order. */
  otherIds: string[];
  readOnly?: boolean;
  onChange(step: WorkflowStep): void;
  onRename(id: string): void;
  onDelete(): void;
}

const NeedsField = (props: {
  value: string[];
  options: string[];
  readOnly?: boolean;
  onChange(needs: string[]): void;
}) => {
  const id = useFieldId();
  const options = [
    ...props.options,
    ...props.value.filter(v => !props.options.includes(v)),
  ];
  return (
    <TextField
      id={id}
      select
      label="Needs"
      value={props.value}
      onChange={e => props.onChange(e.target.value as unknown as string[])}
      disabled={props.readOnly || options.length === 0}
      helperText={
        options.length === 0
          ? 'No other steps yet'
          : 'Steps that finish before this one starts'
      }
      SelectProps={{
        multiple: true,
        renderValue: selected => (selected as string[]).join(', '),
      }}
      fullWidth
      margin="dense"
      variant="outlined"
      size="small"
    >
      {options.map(option => (
        <MenuItem key={option} value={option}>
          <Checkbox size="small" checked={props.value.includes(option)} />
          <ListItemText primary={option} />
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The `with` mapping, listing the inputs of the step's component. */
const StepInputs = (props: {
  componentRef?: string;
  value: Record<string, unknown> | undefined;
  onChange(value: Record<string, unknown> | undefined): void;
  readOnly?: boolean;
}) => {
  const { schema } = useComponentSchema(props.componentRef);
  return (
    <MappingEditor
      title="Inputs"
      addLabel="Add input"
      value={props.value}
      onChange={props.onChange}
      schema={schema}
      readOnly={props.readOnly}
    />
  );
};

/**
 * The side panel of the selected step: every field of the step, each
 * expression checked as it is typed, and the inputs its component expects.
 */
export const StepPanel = (props: StepPanelProps) => {
  const { step, otherIds, readOnly, onChange } = props;
  const kind = kindOfStep(step);
  const set = (path: string[], value: unknown) => {
    let next = setIn(step, path, value);
    // Emptying the last approval field must not turn the step into another kind.
    if (step.approval !== undefined && next.approval === undefined) {
      next = { ...next, approval: {} as WorkflowStep['approval'] };
    }
    onChange(next);
  };

  return (
    <Box component="section" aria-label={`Step ${step.id}`}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h6" component="h3">
          Step
        </Typography>
        <Chip size="small" label={KIND_LABELS[kind]} />
      </Box>
      <StepIdField
        id={step.id}
        otherIds={otherIds}
        readOnly={readOnly}
        onRename={props.onRename}
      />
      <TextInput
        label="Name"
        value={step.name}
        onChange={v => set(['name'], v)}
        helperText="Shown in the graph and the run view"
        readOnly={readOnly}
      />
      <TextInput
        label="Description"
        value={step.description}
        onChange={v => set(['description'], v)}
        multiline
        readOnly={readOnly}
      />
      {kind === 'component' && (
        <TextInput
          label="Component"
          value={step.component}
          onChange={v => onChange({ ...step, component: v })}
          helperText="Entity ref, e.g. aicomponent:default/gpt-4o-mini-chat"
          readOnly={readOnly}
          required
        />
      )}
      {kind === 'workflow' && (
        <TextInput
          label="Workflow"
          value={step.workflow}
          onChange={v => onChange({ ...step, workflow: v })}
          helperText="Entity ref; add @production or @v3 to pin a version"
          readOnly={readOnly}
          required
        />
      )}
      <NeedsField
        value={step.needs ?? []}
        options={otherIds}
        readOnly={readOnly}
        onChange={needs => set(['needs'], needs)}
      />
      {kind === 'approval' ? (
        <ApprovalFields
          step={step}
          otherIds={otherIds}
          readOnly={readOnly}
          set={set}
        />
      ) : (
        <StepInputs
          componentRef={kind === 'component' ? step.component : undefined}
          value={step.with}
          onChange={v => set(['with'], v)}
          readOnly={readOnly}
        />
      )}
      <BehaviourFields
        step={step}
        otherIds={otherIds}
        readOnly={readOnly}
        set={set}
      />
      {!readOnly && (
        <Box mt={2}>
          <Button
            variant="outlined"
            color="secondary"
            startIcon={<DeleteIcon />}
            onClick={props.onDelete}
          >
            Delete step
          </Button>
        </Box>
      )}
    </Box>
  );
};

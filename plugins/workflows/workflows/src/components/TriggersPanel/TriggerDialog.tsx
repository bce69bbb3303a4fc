import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import {
  DEFAULT_RUN_LABEL,
  LABEL_PATTERN,
  type WorkflowTriggerDto,
  type WorkflowTriggerInputDto,
} from '@ai-ops/plugin-workflows-common';
import {
  DEFAULT_TIMEZONE,
  fieldOfMessage,
  parseTriggerInput,
} from '../../lib/triggers';
import { Banner } from '../Banner';
import { SelectInput, TextInput } from '../fields';

type Kind = WorkflowTriggerInputDto['type'];
type Runs = 'label' | 'version';

/** Props of {@link TriggerDialog}. */
export interface TriggerDialogProps {
  /** The trigger to edit; absent to add one. */
  trigger?: WorkflowTriggerDto;
  latestVersion: number;
  /** Labels the workflow has now, offered as hints. */
  labels: string[];
  onClose(): void;
  /**
   * Sends the trigger; resolves when the server took it, rejects with the
   * server's error (whose message names the field) otherwise.
   */
  onSubmit(body: WorkflowTriggerInputDto): Promise<void>;
  /** Turns a server error into its message. */
  describeError(error: unknown): string;
}

const KIND_OPTIONS = [
  { value: 'schedule', label: 'Schedule (cron)' },
  { value: 'webhook', label: 'Webhook' },
];
const RUNS_OPTIONS = [
  { value: 'label', label: 'A label (follows its moves)' },
  { value: 'version', label: 'A fixed version' },
];

/** What the label field says: what it runs, and whether any version has it. */
function labelHelp(label: string, labels: string[]): string {
  const now = labels.length ? `; labels now: ${labels.join(', ')}` : '';
  if (LABEL_PATTERN.test(label) && !labels.includes(label)) {
    return `No version has the label '${label}' yet: runs fail until one has${now}`;
  }
  return `The version the label is on when it fires${now}`;
}

/**
 * Adds or edits a trigger: a cron schedule (Temporal Schedule) or a webhook,
 * the label or version it runs, its input and whether it is enabled. Input
 * is checked here (nothing is sent while a field is wrong); what the server
 * refuses is shown at the field its message names.
 */
export const TriggerDialog = (props: TriggerDialogProps) => {
  const { trigger, latestVersion } = props;
  const editing = !!trigger;
  const [kind, setKind] = useState<Kind>(trigger?.type ?? 'schedule');
  const [cron, setCron] = useState(trigger?.cron ?? '');
  const [timezone, setTimezone] = useState(trigger?.timezone ?? '');
  const [runs, setRuns] = useState<Runs>(
    trigger?.version !== undefined && trigger?.version !== null
      ? 'version'
      : 'label',
  );
  // Triggers run the production label unless told otherwise (the API's default).
  const [label, setLabel] = useState(trigger?.label ?? DEFAULT_RUN_LABEL);
  const [version, setVersion] = useState(
    String(trigger?.version ?? latestVersion),
  );
  const [inputText, setInputText] = useState(
    trigger?.input ? JSON.stringify(trigger.input, null, 2) : '',
  );
  const [enabled, setEnabled] = useState(trigger?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string>();
  const [sending, setSending] = useState(false);

  /** The fields that show their own error (a server's is shown there too). */
  const textFields = [
    ...(kind === 'schedule' ? ['cron', 'timezone'] : []),
    ...(runs === 'label' ? ['label'] : []),
    'input',
  ];
  const clear = (field: string) =>
    setErrors(({ [field]: _cleared, ...rest }) => rest);

  const submit = async () => {
    const found: Record<string, string> = {};
    if (kind === 'schedule' && !cron.trim()) {
      found.cron = 'cron: a schedule needs a cron expression';
    }
    if (runs === 'label' && !LABEL_PATTERN.test(label)) {
      found.label =
        'label: lower-case letters, digits and -, starting with a letter or digit';
    }
    const parsed = parseTriggerInput(inputText);
    if ('error' in parsed) found.input = parsed.error;
    setErrors(found);
    setServerError(undefined);
    if (Object.keys(found).length || 'error' in parsed) return;

    const body: WorkflowTriggerInputDto = { type: kind, enabled };
    if (kind === 'schedule') {
      body.cron = cron.trim();
      if (timezone.trim()) body.timezone = timezone.trim();
    }
    if (runs === 'version') body.version = Number(version);
    else body.label = label;
    if (parsed.input) body.input = parsed.input;

    setSending(true);
    try {
      await props.onSubmit(body);
    } catch (e) {
      const message = props.describeError(e);
      const field = fieldOfMessage(message);
      if (field && textFields.includes(field)) {
        setErrors({ [field]: message });
      } else {
        setServerError(message);
      }
      setSending(false);
    }
  };

  const versionOptions = Array.from({ length: latestVersion }, (_v, i) => {
    const v = String(latestVersion - i);
    return { value: v, label: `v${v}${i === 0 ? ' (newest)' : ''}` };
  });
  const title = editing ? 'Edit trigger' : 'Add trigger';

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="trigger-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="trigger-dialog-title">{title}</DialogTitle>
      <DialogContent>
        {serverError && (
          <Banner severity="error" testId="trigger-dialog-error">
            {serverError}
          </Banner>
        )}
        <SelectInput
          label="Kind"
          value={kind}
          options={KIND_OPTIONS}
          onChange={value => setKind(value as Kind)}
          readOnly={editing}
          helperText={
            kind === 'schedule'
              ? 'Starts runs on a cron schedule (a Temporal Schedule)'
              : 'Starts a run for each authenticated POST to its URL'
          }
        />
        {kind === 'schedule' && (
          <>
            <TextInput
              label="Cron"
              value={cron}
              onChange={value => {
                setCron(value);
                clear('cron');
              }}
              required
              placeholder="0 9 * * 1-5"
              error={errors.cron}
              helperText="minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5 (9:00 on weekdays), or @daily"
            />
            <TextInput
              label="Timezone"
              value={timezone}
              onChange={value => {
                setTimezone(value);
                clear('timezone');
              }}
              placeholder={DEFAULT_TIMEZONE}
              error={errors.timezone}
              helperText={`An IANA time zone such as Europe/Berlin; ${DEFAULT_TIMEZONE} when empty`}
            />
          </>
        )}
        <SelectInput
          label="Runs"
          value={runs}
          options={RUNS_OPTIONS}
          onChange={value => setRuns(value as Runs)}
        />
        {runs === 'label' && (
          <TextInput
            label="Label"
            value={label}
            onChange={value => {
              setLabel(value);
              clear('label');
            }}
            error={errors.label}
            helperText={labelHelp(label, props.labels)}
          />
        )}
        {runs === 'version' && (
          <SelectInput
            label="Version"
            value={version}
            options={versionOptions}
            onChange={setVersion}
            helperText="Runs this version whatever the labels say"
          />
        )}
        <TextInput
          label="Input (JSON)"
          value={inputText}
          onChange={value => {
            setInputText(value);
            clear('input');
          }}
          multiline
          placeholder='{"text": "hello"}'
          error={errors.input}
          helperText={
            kind === 'webhook'
              ? "The run's input; fields of a call's JSON body override it"
              : 'The input of every run it starts; optional'
          }
        />
        <FormControlLabel
          control={
            <Switch
              checked={enabled}
              onChange={e => setEnabled(e.target.checked)}
              color="primary"
            />
          }
          label="Enabled"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={sending}
          onClick={submit}
        >
          {editing ? 'Save trigger' : 'Add trigger'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

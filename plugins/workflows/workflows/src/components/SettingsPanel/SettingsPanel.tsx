import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import type { WorkflowAction } from '../../lib/model';
import {
  BufferedInput,
  jsonObjectCodec,
  listCodec,
  MappingEditor,
  numberCodec,
  SelectInput,
  TextInput,
} from '../fields';

/** Props of {@link SettingsPanel}. */
export interface SettingsPanelProps {
  document: WorkflowDocument;
  dispatch(action: WorkflowAction): void;
  /** The name is chosen once, when the workflow is created. */
  isNew: boolean;
  readOnly?: boolean;
}

const LIFECYCLES = ['experimental', 'production', 'deprecated'];
const integer = numberCodec({ integer: true });
const decimal = numberCodec();

/**
 * The settings of the whole workflow, shown when no step is selected:
 * name, title, description, owner, lifecycle, tags, input schema, output
 * mapping, budget and concurrency.
 */
export const SettingsPanel = (props: SettingsPanelProps) => {
  const { document: doc, dispatch, isNew, readOnly } = props;
  const { metadata, spec } = doc;
  const setMetadata = (patch: Record<string, unknown>) =>
    dispatch({ type: 'setMetadata', patch });
  const setSpec = (patch: Record<string, unknown>) =>
    dispatch({ type: 'setSpec', patch });
  const lifecycles =
    LIFECYCLES.includes(spec.lifecycle) || !spec.lifecycle
      ? LIFECYCLES
      : [spec.lifecycle, ...LIFECYCLES];

  return (
    <Box component="section" aria-label="Workflow settings">
      <Typography variant="h6" component="h3">
        Workflow
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Select a step to edit it.
      </Typography>
      <TextInput
        label="Name"
        value={metadata.name}
        onChange={v => setMetadata({ name: v })}
        helperText={
          isNew
            ? 'Lower-case letters and digits separated by -, _ or .'
            : 'The name cannot change'
        }
        readOnly={readOnly || !isNew}
        required
      />
      <TextInput
        label="Title"
        value={metadata.title}
        onChange={v => setMetadata({ title: v })}
        readOnly={readOnly}
      />
      <TextInput
        label="Description"
        value={metadata.description}
        onChange={v => setMetadata({ description: v })}
        multiline
        readOnly={readOnly}
      />
      <TextInput
        label="Owner"
        value={spec.owner}
        onChange={v => setSpec({ owner: v })}
        helperText="Entity ref, e.g. group:default/team-a"
        readOnly={readOnly}
        required
      />
      <SelectInput
        label="Lifecycle"
        value={spec.lifecycle ?? ''}
        options={lifecycles.map(l => ({ value: l, label: l }))}
        onChange={v => setSpec({ lifecycle: v })}
        readOnly={readOnly}
      />
      <BufferedInput
        label="Tags"
        value={metadata.tags}
        onChange={v => setMetadata({ tags: v })}
        codec={listCodec}
        helperText="Comma-separated, lower-case"
        readOnly={readOnly}
      />
      <BufferedInput
        label="Input schema"
        value={spec.input}
        onChange={v => setSpec({ input: v })}
        codec={jsonObjectCodec}
        helperText="JSON Schema of the run's input"
        multiline
        minRows={4}
        monospace
        readOnly={readOnly}
      />
      <MappingEditor
        title="Output"
        addLabel="Add output"
        value={spec.output}
        onChange={v => setSpec({ output: v })}
        readOnly={readOnly}
      />
      <BufferedInput
        label="Budget: max cost (USD)"
        value={spec.budget?.maxCostUsd}
        onChange={v =>
          setSpec({ budget: v === undefined ? undefined : { maxCostUsd: v } })
        }
        codec={decimal}
        helperText="A run pauses for approval before it costs more"
        readOnly={readOnly}
      />
      <BufferedInput
        label="Concurrency limit"
        value={spec.concurrency?.limit}
        onChange={v =>
          setSpec({ concurrency: v === undefined ? undefined : { limit: v } })
        }
        codec={integer}
        helperText="Runs at once; more are queued"
        readOnly={readOnly}
      />
    </Box>
  );
};

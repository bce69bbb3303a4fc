import { DragEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import { SuggestedNextSteps } from '@ai-ops/plugin-recommendations-react';
import { componentRegistryApiRef } from '../../api';
import { STEP_TEMPLATE_MIME, type StepTemplate } from '../../lib/stepTemplates';
import { useFieldId } from '../fields/useFieldId';

/** Props of {@link Palette}. */
export interface PaletteProps {
  /** Adds a step at a free spot (the keyboard way). */
  onAdd(template: StepTemplate): void;
  /** The steps of the workflow being edited. */
  steps: readonly WorkflowStep[];
  /** The selected step, whose suggested next steps the palette shows. */
  selectedId?: string;
}

const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZE = 50;

const setDragData = (event: DragEvent, template: StepTemplate) => {
  event.dataTransfer.setData(STEP_TEMPLATE_MIME, JSON.stringify(template));
  event.dataTransfer.effectAllowed = 'copy';
};

const Entry = (props: {
  template: StepTemplate;
  primary: string;
  secondary?: string;
  addLabel: string;
  onAdd(template: StepTemplate): void;
}) => {
  const onDragStart = (event: DragEvent) => setDragData(event, props.template);
  return (
    <ListItem
      dense
      draggable
      onDragStart={onDragStart}
      style={{ cursor: 'grab' }}
      title="Drag onto the graph"
    >
      <ListItemText
        primary={props.primary}
        secondary={props.secondary}
        primaryTypographyProps={{ noWrap: true }}
        secondaryTypographyProps={{ noWrap: true }}
      />
      <ListItemSecondaryAction>
        <IconButton
          edge="end"
          size="small"
          aria-label={props.addLabel}
          onClick={() => props.onAdd(props.template)}
        >
          <AddIcon fontSize="small" />
        </IconButton>
      </ListItemSecondaryAction>
    </ListItem>
  );
};

/**
 * What can become a step: suggested next steps for the selected step (from
 * the recommendations plugin, each with its reasons), the components of the
 * registry (searchable), an approval and a sub-workflow. Drag an entry onto
 * the graph, or use its Add button; a suggestion is added after the
 * selected step.
 */
export const Palette = (props: PaletteProps) => {
  const registry = useApi(componentRegistryApiRef);
  const searchId = useFieldId('palette-search');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(text.trim()), SEARCH_DEBOUNCE_MS, [text]);
  const components = useAsync(
    () =>
      registry.listComponents({
        ...(q ? { q } : {}),
        sort: 'name',
        order: 'asc',
        limit: PAGE_SIZE,
      }),
    [registry, q],
  );

  const selected = props.steps.some(s => s.id === props.selectedId)
    ? props.selectedId
    : undefined;
  const suggestionTemplate = (
    suggestion: { ref: string; name: string },
    after: string,
  ): StepTemplate => ({
    kind: 'component',
    ref: suggestion.ref,
    name: suggestion.name,
    after,
  });

  return (
    <Box component="section" aria-label="Palette">
      {selected && (
        <SuggestedNextSteps
          steps={props.steps}
          stepId={selected}
          onAdd={(suggestion, after) =>
            props.onAdd(suggestionTemplate(suggestion, after))
          }
          onDragStart={(event, suggestion, after) =>
            setDragData(event, suggestionTemplate(suggestion, after))
          }
        />
      )}
      <Typography variant="subtitle2" component="h3">
        Add a step
      </Typography>
      <List dense disablePadding>
        <Entry
          template={{ kind: 'approval' }}
          primary="Approval"
          secondary="Waits for a person to decide"
          addLabel="Add approval step"
          onAdd={props.onAdd}
        />
        <Entry
          template={{ kind: 'workflow' }}
          primary="Sub-workflow"
          secondary="Runs another workflow"
          addLabel="Add sub-workflow step"
          onAdd={props.onAdd}
        />
      </List>
      <TextField
        id={searchId}
        label="Search components"
        type="search"
        size="small"
        variant="outlined"
        margin="dense"
        fullWidth
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{ maxLength: 200 }}
      />
      {components.loading && <Progress />}
      {components.error && <ResponseErrorPanel error={components.error} />}
      {components.value && (
        <>
          {components.value.items.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              No components match.
            </Typography>
          )}
          <List dense disablePadding aria-label="Components">
            {components.value.items.map(c => (
              <Entry
                key={c.ref}
                template={{ kind: 'component', ref: c.ref, name: c.name }}
                primary={c.title ?? c.name}
                secondary={`${c.type} · ${c.name}`}
                addLabel={`Add ${c.name}`}
                onAdd={props.onAdd}
              />
            ))}
          </List>
          {components.value.totalItems > components.value.items.length && (
            <Typography variant="caption" color="textSecondary">
              {components.value.totalItems - components.value.items.length}{' '}
              more; search to narrow the list.
            </Typography>
          )}
        </>
      )}
    </Box>
  );
};

import { DragEvent, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { Progress } from '@backstage/core-components';
import type { ComponentRecommendation } from '@ai-ops/plugin-recommendations-common';
import { useRecommendationsApi } from '../../api';
import { ReasonList } from '../ReasonList';
import { RecommendationError } from '../RecommendationError';
import { nextStepsRequest, type WorkflowStepLike } from './nextStepsRequest';

/**
 * Props of {@link SuggestedNextSteps}.
 *
 * @public
 */
export interface SuggestedNextStepsProps {
  /** The steps of the workflow as the editor holds them (unsaved is fine). */
  steps: readonly WorkflowStepLike[];
  /** The selected step: suggestions are for what follows it. */
  stepId: string;
  /** Adds the suggested component as a step after `after`. */
  onAdd(suggestion: ComponentRecommendation, after: string): void;
  /** Starts dragging a suggestion (the editor sets its drag data). */
  onDragStart?(
    event: DragEvent,
    suggestion: ComponentRecommendation,
    after: string,
  ): void;
  /** How many to show; the API's default (10) when absent. */
  limit?: number;
}

/**
 * "Suggested next steps" for the selected step of a workflow being edited:
 * components that follow it in other workflows and successful runs, each
 * with its reasons. Click Add or drag one onto the graph to add it as a
 * step after the selected one. Errors show here only.
 *
 * @public
 */
export const SuggestedNextSteps = (props: SuggestedNextStepsProps) => {
  const { steps, stepId, onAdd, onDragStart, limit } = props;
  const api = useRecommendationsApi();
  // Refetch when the graph changes (ids, components, needs), not on every
  // keystroke in a step's other fields.
  const body = useMemo(
    () => JSON.stringify(nextStepsRequest(steps, stepId, limit)),
    [steps, stepId, limit],
  );
  const { value, loading, error } = useAsync(
    () => api.nextSteps(JSON.parse(body)),
    [api, body],
  );
  const after = value?.stepId ?? stepId;

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <RecommendationError error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <Typography variant="body2" color="text.secondary">
        No suggestions for this step yet.
      </Typography>
    );
  } else {
    content = (
      <List dense disablePadding aria-label="Suggested next steps">
        {value.items.map(item => {
          const label = item.title ?? item.name;
          return (
            <ListItem
              key={item.ref}
              disableGutters
              draggable={!!onDragStart}
              onDragStart={
                onDragStart
                  ? event => onDragStart(event, item, after)
                  : undefined
              }
              title={onDragStart ? 'Drag onto the graph' : undefined}
              sx={{
                cursor: onDragStart ? 'grab' : undefined,
                flexDirection: 'column',
                alignItems: 'stretch',
              }}
            >
              <Box sx={{ display: 'flex', alignItems: 'center' }}>
                <ListItemText
                  sx={{ my: 0, minWidth: 0 }}
                  primary={label}
                  secondary={`${item.type} · ${item.name}`}
                  primaryTypographyProps={{ noWrap: true }}
                  secondaryTypographyProps={{ noWrap: true }}
                />
                <IconButton
                  edge="end"
                  size="small"
                  aria-label={`Add ${item.name} after ${after}`}
                  onClick={() => onAdd(item, after)}
                >
                  <AddIcon fontSize="small" />
                </IconButton>
              </Box>
              <ReasonList reasons={item.reasons} label={`Why ${label}`} />
            </ListItem>
          );
        })}
      </List>
    );
  }

  return (
    <Box component="section" aria-label="Suggested next steps" sx={{ mb: 1 }}>
      <Typography variant="subtitle2" component="h3">
        Suggested next steps
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        After {stepId}
      </Typography>
      {content}
    </Box>
  );
};

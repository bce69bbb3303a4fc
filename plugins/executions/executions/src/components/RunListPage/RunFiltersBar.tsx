import { KeyboardEvent, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ExecutionStatus } from '@ai-ops/plugin-executions-common';
import { STATUS_LABELS } from '@ai-ops/plugin-executions-common';
import {
  EXECUTION_STATUSES,
  NO_FILTERS,
  RunFilters,
  TRIGGER_TYPES,
} from './runFilters';

/** `YYYY-MM-DDTHH:mm` in local time, as datetime inputs show it. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** A text filter that applies on Enter or when it loses focus. */
const TextFilter = (props: {
  label: string;
  value: string;
  placeholder?: string;
  onCommit(value: string): void;
}) => {
  const { value, onCommit } = props;
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <TextField
      id={`run-filter-${props.label.toLowerCase()}`}
      label={props.label}
      placeholder={props.placeholder}
      value={draft}
      size="small"
      variant="outlined"
      onChange={e => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
};

/**
 * The run list's filters: status, workflow, owner, time range, trigger and
 * over budget. Every change is applied on the server (through the URL).
 */
export const RunFiltersBar = (props: {
  filters: RunFilters;
  onChange(filters: RunFilters): void;
}) => {
  const { filters, onChange } = props;
  const set = (patch: Partial<RunFilters>) =>
    onChange({ ...filters, ...patch });
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      mb={2}
      role="search"
      aria-label="Run filters"
    >
      <TextField
        select
        id="run-filter-status"
        label="Status"
        size="small"
        variant="outlined"
        style={{ minWidth: 160 }}
        SelectProps={{
          multiple: true,
          renderValue: selected =>
            (selected as ExecutionStatus[])
              .map(s => STATUS_LABELS[s])
              .join(', '),
        }}
        value={filters.status}
        onChange={e =>
          set({ status: e.target.value as unknown as ExecutionStatus[] })
        }
      >
        {EXECUTION_STATUSES.map(status => (
          <MenuItem key={status} value={status}>
            <Checkbox
              size="small"
              checked={filters.status.includes(status)}
              inputProps={{ 'aria-label': STATUS_LABELS[status] }}
            />
            {STATUS_LABELS[status]}
          </MenuItem>
        ))}
      </TextField>
      <TextFilter
        label="Workflow"
        placeholder="default/support-triage"
        value={filters.workflow}
        onCommit={workflow => set({ workflow })}
      />
      <TextFilter
        label="Owner"
        placeholder="group:default/team-a"
        value={filters.owner}
        onCommit={owner => set({ owner })}
      />
      <TextField
        id="run-filter-from"
        label="From"
        type="datetime-local"
        size="small"
        variant="outlined"
        InputLabelProps={{ shrink: true }}
        value={toLocalInput(filters.from)}
        onChange={e => set({ from: fromLocalInput(e.target.value) })}
      />
      <TextField
        id="run-filter-to"
        label="To"
        type="datetime-local"
        size="small"
        variant="outlined"
        InputLabelProps={{ shrink: true }}
        value={toLocalInput(filters.to)}
        onChange={e => set({ to: fromLocalInput(e.target.value) })}
      />
      <TextField
        select
        id="run-filter-trigger"
        label="Trigger"
        size="small"
        variant="outlined"
        style={{ minWidth: 130 }}
        value={filters.trigger}
        onChange={e => set({ trigger: e.target.value as string })}
      >
        <MenuItem value="">Any</MenuItem>
        {TRIGGER_TYPES.map(type => (
          <MenuItem key={type} value={type}>
            {type}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Checkbox
            checked={filters.overBudget}
            onChange={e => set({ overBudget: e.target.checked })}
          />
        }
        label="Over budget"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={filters.pinned}
            onChange={e => set({ pinned: e.target.checked })}
          />
        }
        label="Pinned"
      />
      <Button size="small" onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </Button>
    </Box>
  );
};

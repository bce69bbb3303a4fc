import type {
  ExecutionStatus,
  ListExecutionsQuery,
} from '@ai-ops/plugin-executions-common';

/** Runs per page. */
export const PAGE_SIZE = 25;

/** Every run status, in the order the filter lists them. */
export const EXECUTION_STATUSES: ExecutionStatus[] = [
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
];

/** The ways a run can be started, for the trigger filter. */
export const TRIGGER_TYPES = [
  'manual',
  'api',
  'schedule',
  'webhook',
  'resume',
  'rerun',
  'parent',
] as const;

/** The list's filters, as kept in the page's URL. */
export interface RunFilters {
  status: ExecutionStatus[];
  workflow: string;
  owner: string;
  /** ISO 8601 times. */
  from: string;
  to: string;
  trigger: string;
  overBudget: boolean;
  /** Only runs pinned against the retention policy. */
  pinned: boolean;
}

/** No filter set. */
export const NO_FILTERS: RunFilters = {
  status: [],
  workflow: '',
  owner: '',
  from: '',
  to: '',
  trigger: '',
  overBudget: false,
  pinned: false,
};

/** The filters of the URL's search parameters (unknown values ignored). */
export function readFilters(params: URLSearchParams): RunFilters {
  const statuses = params
    .getAll('status')
    .flatMap(s => s.split(','))
    .filter((s): s is ExecutionStatus =>
      EXECUTION_STATUSES.includes(s as ExecutionStatus),
    );
  const trigger = params.get('trigger') ?? '';
  return {
    status: statuses,
    workflow: params.get('workflow') ?? '',
    owner: params.get('owner') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    trigger: (TRIGGER_TYPES as readonly string[]).includes(trigger)
      ? trigger
      : '',
    overBudget: params.get('overBudget') === 'true',
    pinned: params.get('pinned') === 'true',
  };
}

/** The search parameters of filters (and a page cursor), empty ones left out. */
export function writeFilters(
  filters: RunFilters,
  cursor?: string,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.status) params.append('status', status);
  for (const key of ['workflow', 'owner', 'from', 'to', 'trigger'] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (filters.overBudget) params.set('overBudget', 'true');
  if (filters.pinned) params.set('pinned', 'true');
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** The API query of the filters and a page cursor. */
export function toQuery(
  filters: RunFilters,
  cursor?: string,
): ListExecutionsQuery {
  const query: ListExecutionsQuery = { limit: PAGE_SIZE };
  if (filters.status.length) query.status = filters.status;
  if (filters.workflow.trim()) query.workflow = filters.workflow.trim();
  if (filters.owner.trim()) query.owner = filters.owner.trim();
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.trigger) {
    query.trigger = [filters.trigger as (typeof TRIGGER_TYPES)[number]];
  }
  if (filters.overBudget) query.overBudget = true;
  if (filters.pinned) query.pinned = true;
  if (cursor) query.cursor = cursor;
  return query;
}

/** Whether any filter is set. */
export function hasFilters(filters: RunFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.overBudget ||
    filters.pinned ||
    [
      filters.workflow,
      filters.owner,
      filters.from,
      filters.to,
      filters.trigger,
    ].some(v => v.trim() !== '')
  );
}

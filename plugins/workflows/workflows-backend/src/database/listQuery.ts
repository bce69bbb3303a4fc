import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { OwnershipFilter } from '../permissions/ownership';
import {
  decodeCursor,
  encodeCursor,
  normalizeRef,
  toSummary,
  WorkflowRow,
} from './rows';
import {
  ListWorkflowsOptions,
  WorkflowFilter,
  WorkflowKey,
  WorkflowSource,
  WorkflowSummary,
} from './types';

/** Sort keys of the API and the columns (with `id` as tie-breaker) they use. */
export const SORT_COLUMNS = {
  name: 'name',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
} as const;

/**
 * Applies the conditions of a conditional permission decision to a query on
 * `workflows`, so that lists are filtered in the database.
 */
export function applyPermissionCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<OwnershipFilter>,
): void {
  if (isAndCriteria(criteria)) {
    query.where(builder => {
      for (const c of criteria.allOf) {
        builder.andWhere(inner => applyPermissionCriteria(inner, c));
      }
    });
  } else if (isOrCriteria(criteria)) {
    query.where(builder => {
      for (const c of criteria.anyOf) {
        builder.orWhere(inner => applyPermissionCriteria(inner, c));
      }
    });
  } else if (isNotCriteria(criteria)) {
    query.whereNot(inner => applyPermissionCriteria(inner, criteria.not));
  } else if (criteria.ownerRefs.length === 0) {
    query.whereRaw('1 = 0');
  } else {
    query.whereIn('workflows.owner', criteria.ownerRefs.map(normalizeRef));
  }
}

/** The words of a free-text query as `LIKE` patterns (with `\` as escape). */
export function searchPatterns(q: string | undefined): string[] {
  return (q ?? '')
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean)
    .map(word => `%${word.replace(/[%_\\]/g, c => `\\${c}`)}%`);
}

/** True when the filter can narrow the list (so counting visits the matches only). */
export function isNarrowing(filter: WorkflowFilter): boolean {
  return Boolean(
    filter.q?.trim() ||
      filter.owners?.length ||
      filter.lifecycles?.length ||
      filter.tags?.length ||
      filter.sources?.length ||
      filter.component ||
      filter.label ||
      filter.permission,
  );
}

/** `workflows` narrowed to the rows that match the filter. */
export function filteredWorkflows(
  db: Knex,
  filter: WorkflowFilter,
): Knex.QueryBuilder {
  const query = db('workflows');
  if (filter.owners?.length) {
    query.whereIn('workflows.owner', filter.owners.map(normalizeRef));
  }
  if (filter.lifecycles?.length) {
    query.whereIn('workflows.lifecycle', filter.lifecycles);
  }
  if (filter.sources?.length) {
    query.whereIn('workflows.source', filter.sources);
  }
  if (filter.tags?.length) {
    query.whereIn(
      'workflows.id',
      db('workflow_tags').select('workflow_id').whereIn('tag', filter.tags),
    );
  }
  if (filter.component) {
    query.whereIn(
      'workflows.id',
      db('workflow_components')
        .select('workflow_id')
        .where('component_ref', normalizeRef(filter.component)),
    );
  }
  if (filter.label) {
    query.whereIn(
      'workflows.id',
      db('workflow_labels').select('workflow_id').where('label', filter.label),
    );
  }
  for (const pattern of searchPatterns(filter.q)) {
    query.whereRaw(`workflows.search_text like ? escape '\\'`, [pattern]);
  }
  if (filter.permission) {
    applyPermissionCriteria(query, filter.permission);
  }
  return query;
}

/**
 * One page of `workflows` rows in keyset order (sort column, then id), the
 * number of all matches and the cursor of the next page.
 */
export async function listWorkflowRows(
  db: Knex,
  options: ListWorkflowsOptions,
): Promise<{ rows: WorkflowRow[]; totalItems: number; nextCursor?: string }> {
  const sortColumn = SORT_COLUMNS[options.sort];
  const column = `workflows.${sortColumn}`;
  const { order, filter } = options;
  const page = filteredWorkflows(db, filter);
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor);
    const op = order === 'asc' ? '>' : '<';
    page.where(builder =>
      builder
        .where(column, op, cursor.v)
        .orWhere(inner =>
          inner
            .where(column, '=', cursor.v)
            .andWhere('workflows.id', op, cursor.id),
        ),
    );
  }
  page.orderBy([
    { column, order },
    { column: 'workflows.id', order },
  ]);
  let rows: Array<WorkflowRow & { total_count?: number | string }>;
  let count: number | string;
  if (isNarrowing(filter) && !options.cursor) {
    // The filter has to visit every match anyway (to sort them), so the
    // count comes from the same pass instead of a second query.
    rows = await page
      .select('workflows.*', db.raw('count(*) over () as total_count'))
      .limit(options.limit + 1);
    count = rows[0]?.total_count ?? 0;
  } else {
    // Unfiltered, the page is read from the sort index; counting is a
    // separate, index-only pass (and a cursor must not narrow the count).
    const [pageRows, [counted]] = await Promise.all([
      page.select('workflows.*').limit(options.limit + 1) as Promise<
        WorkflowRow[]
      >,
      filteredWorkflows(db, filter).count({ count: '*' }) as Promise<
        Array<{ count: number | string }>
      >,
    ]);
    rows = pageRows;
    count = counted.count;
  }
  const items = rows
    .slice(0, options.limit)
    .map(({ total_count: _count, ...row }) => row);
  const last = items[items.length - 1];
  const sortValue = (row: WorkflowRow) => {
    const value = row[sortColumn];
    return value instanceof Date ? value.toISOString() : value;
  };
  return {
    rows: items,
    totalItems: Number(count),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor({ v: sortValue(last), id: last.id })
        : undefined,
  };
}

/** Summaries of rows, with labels and component refs loaded for all at once. */
export async function loadSummaries(
  db: Knex,
  rows: WorkflowRow[],
): Promise<WorkflowSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(r => r.id);
  const [labelRows, componentRows] = await Promise.all([
    db('workflow_labels')
      .select('workflow_id', 'label', 'version')
      .whereIn('workflow_id', ids)
      .orderBy('label') as Promise<
      Array<{ workflow_id: string; label: string; version: number }>
    >,
    db('workflow_components')
      .select('workflow_id', 'component_ref')
      .whereIn('workflow_id', ids)
      .orderBy('component_ref') as Promise<
      Array<{ workflow_id: string; component_ref: string }>
    >,
  ]);
  const labels = new Map<string, Record<string, number>>();
  for (const r of labelRows) {
    const map = labels.get(r.workflow_id) ?? {};
    map[r.label] = Number(r.version);
    labels.set(r.workflow_id, map);
  }
  const components = new Map<string, string[]>();
  for (const r of componentRows) {
    const list = components.get(r.workflow_id) ?? [];
    list.push(r.component_ref);
    components.set(r.workflow_id, list);
  }
  return rows.map(row =>
    toSummary(row, labels.get(row.id) ?? {}, components.get(row.id) ?? []),
  );
}

/** Workflows whose newest version uses a (lower-cased) component ref. */
export async function selectUsedBy(
  db: Knex,
  componentRef: string,
): Promise<Array<WorkflowKey & { title?: string; latestVersion: number }>> {
  const rows: Array<
    Pick<WorkflowRow, 'namespace' | 'name' | 'title' | 'latest_version'>
  > = await db('workflows')
    .join(
      'workflow_components',
      'workflow_components.workflow_id',
      'workflows.id',
    )
    .where('workflow_components.component_ref', componentRef)
    .select(
      'workflows.namespace',
      'workflows.name',
      'workflows.title',
      'workflows.latest_version',
    )
    .orderBy(['workflows.namespace', 'workflows.name']);
  return rows.map(r => ({
    namespace: r.namespace,
    name: r.name,
    ...(r.title ? { title: r.title } : {}),
    latestVersion: Number(r.latest_version),
  }));
}

/** Rows of one source with their newest document, in id order after `after`. */
export async function selectNewestDocuments(
  db: Knex,
  options: { source: WorkflowSource; limit: number; after?: string },
): Promise<Array<WorkflowRow & { document: string }>> {
  const query = db('workflows')
    .join('workflow_versions', join =>
      join
        .on('workflow_versions.workflow_id', '=', 'workflows.id')
        .andOn('workflow_versions.version', '=', 'workflows.latest_version'),
    )
    .select('workflows.*', { document: 'workflow_versions.document' })
    .where('workflows.source', options.source)
    .orderBy('workflows.id')
    .limit(options.limit);
  if (options.after !== undefined) {
    query.where('workflows.id', '>', options.after.toLocaleLowerCase('en-US'));
  }
  return query;
}

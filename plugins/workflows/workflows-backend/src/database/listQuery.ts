import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { OwnershipFilter } from '../permissions/ownership';
import { normalizeRef } from './rows';
import { WorkflowFilter } from './types';

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

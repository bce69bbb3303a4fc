import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { OwnershipFilter } from '../permissions/ownership';

/**
 * Applies the conditions of a conditional permission decision to a query on
 * `ai_components`, so that lists are filtered in the database.
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
    query.whereIn(
      'ai_components.owner',
      criteria.ownerRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }
}

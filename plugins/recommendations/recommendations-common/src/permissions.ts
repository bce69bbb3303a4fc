import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading recommendations: similar components, next-step suggestions and
 * semantic search. Results are further filtered by the read permissions of
 * the components and workflows they point at.
 *
 * @public
 */
export const recommendationReadPermission = createPermission({
  name: 'recommendations.recommendation.read',
  attributes: { action: 'read' },
});

/**
 * Running a full reindex now (`POST /reindex`); an admin task; the index
 * otherwise keeps itself in sync on its refresh interval.
 *
 * @public
 */
export const recommendationIndexManagePermission = createPermission({
  name: 'recommendations.index.manage',
  attributes: { action: 'update' },
});

/** @public */
export const recommendationsPermissions = [
  recommendationReadPermission,
  recommendationIndexManagePermission,
];

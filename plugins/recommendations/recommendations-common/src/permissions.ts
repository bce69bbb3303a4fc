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

/** @public */
export const recommendationsPermissions = [recommendationReadPermission];

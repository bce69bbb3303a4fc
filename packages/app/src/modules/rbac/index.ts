import {
  convertLegacyPageExtension,
  convertLegacyPlugin,
} from '@backstage/core-compat-api';
import { rbacPlugin, RbacPage } from '@backstage-community/plugin-rbac';

/**
 * The RBAC admin page (roles, members, policies) of
 * `@backstage-community/plugin-rbac`, a legacy frontend plugin wrapped for the
 * new frontend system; `app.packages: all` would otherwise drop it.
 */
export const rbacFeature = convertLegacyPlugin(rbacPlugin, {
  extensions: [
    convertLegacyPageExtension(RbacPage, { name: 'rbac', path: '/rbac' }),
  ],
});

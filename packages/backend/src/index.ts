/*
 * The AI Ops Console backend: Backstage's core plugins plus the four
 * capabilities of the console. See docs/adr/0001-layout.md.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest for local use, any OpenID Connect provider in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

// Catalog, with the AIComponent and AIWorkflow kinds.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@ai-ops/plugin-catalog-backend-module-ai-kinds'));

// Permissions: role-based access control with CSV/database policies and
// ownership conditions (replaces the permission backend's allow-all policy).
backend.add(import('@backstage-community/plugin-rbac-backend'));

// Search over the catalog (PostgreSQL engine when on PostgreSQL).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The AI Ops Console capabilities.
backend.add(import('@ai-ops/plugin-ai-components-backend'));
// Component runtimes: the built-in six, and an example third-party module.
backend.add(import('@ai-ops/plugin-ai-components-backend-module-runtimes'));
backend.add(import('@ai-ops/plugin-ai-components-backend-module-anthropic'));
backend.add(import('@ai-ops/plugin-workflows-backend'));
backend.add(import('@ai-ops/plugin-executions-backend'));
backend.add(import('@ai-ops/plugin-recommendations-backend'));

backend.start();

import { createApiRef } from '@backstage/frontend-plugin-api';
import type { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';

/**
 * The ai-components HTTP API as the frontend uses it: the methods of the
 * typed {@link @ai-ops/plugin-ai-components-common#AiComponentsClient}.
 *
 * @public
 */
export type AiComponentsApi = Pick<
  AiComponentsClient,
  | 'listComponents'
  | 'getFacets'
  | 'listRuntimes'
  | 'getComponent'
  | 'createComponent'
  | 'updateComponent'
  | 'deleteComponent'
  | 'listVersions'
  | 'getVersion'
  | 'invoke'
  | 'listSecrets'
  | 'putSecret'
  | 'deleteSecret'
>;

/**
 * Reference to the {@link AiComponentsApi}, provided by the plugin's
 * `api:ai-components` extension.
 *
 * @public
 */
export const aiComponentsApiRef = createApiRef<AiComponentsApi>().with({
  id: 'plugin.ai-components.service',
  pluginId: 'ai-components',
});

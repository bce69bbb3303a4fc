import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ExecutionsClient } from '@ai-ops/plugin-executions-common';

/**
 * What the component page reads from the executions API: the calls of a
 * component by workflow steps (count, success rate, latency, tokens, cost).
 *
 * @public
 */
export type ComponentUsageApi = Pick<ExecutionsClient, 'getComponentMetrics'>;

/**
 * Reference to the {@link ComponentUsageApi}, provided by the plugin's
 * `api:ai-components/component-usage` extension.
 *
 * @public
 */
export const componentUsageApiRef = createApiRef<ComponentUsageApi>().with({
  id: 'plugin.ai-components.component-usage',
  pluginId: 'ai-components',
});

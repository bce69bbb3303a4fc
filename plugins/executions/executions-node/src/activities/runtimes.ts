import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ComponentRuntimesExtensionPoint } from '@ai-ops/plugin-ai-components-node';

/**
 * Lets backend modules add component runtimes to the executions worker, so
 * that step activities run components in the worker process instead of
 * through the ai-components API. Same contract as the ai-components
 * plugin's `componentRuntimesExtensionPoint`: a runtime package adds one
 * module for each plugin (pluginId `executions` here).
 *
 * @public
 */
export const executionsWorkerRuntimesExtensionPoint =
  createExtensionPoint<ComponentRuntimesExtensionPoint>({
    id: 'executions.worker.runtimes',
  });

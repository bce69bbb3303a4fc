import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import {
  componentRegistryApiRef,
  createComponentRegistryClient,
  createTriggerActivityClient,
  createWorkflowsClient,
  triggerActivityApiRef,
  workflowsApiRef,
} from './api';
import {
  newWorkflowRouteRef,
  rootRouteRef,
  runRouteRef,
  runsRouteRef,
  workflowMetricsRouteRef,
  workflowRouteRef,
} from './routes';

/**
 * Provides the {@link workflowsApiRef}: the typed client of the workflows
 * backend, with the signed-in user's credentials.
 *
 * @public
 */
export const workflowsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: workflowsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createWorkflowsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Provides the {@link componentRegistryApiRef}: the AI components registry,
 * which the editor's palette lists.
 *
 * @public
 */
export const componentRegistryApi = ApiBlueprint.make({
  name: 'component-registry',
  params: defineParams =>
    defineParams({
      api: componentRegistryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createComponentRegistryClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Provides the {@link triggerActivityApiRef}: the executions client the
 * Triggers tab reads each trigger's newest run and next fire times with.
 *
 * @public
 */
export const triggerActivityApi = ApiBlueprint.make({
  name: 'trigger-activity',
  params: defineParams =>
    defineParams({
      api: triggerActivityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createTriggerActivityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The workflows page: the list, the graph and YAML editor, and versions.
 *
 * @public
 */
export const workflowsPage = PageBlueprint.make({
  params: {
    path: '/workflows',
    routeRef: rootRouteRef,
    title: 'Workflows',
    icon: <AccountTreeIcon />,
    loader: () =>
      import('./components/WorkflowsPage').then(m => <m.WorkflowsPage />),
  },
});

/**
 * The workflows frontend plugin.
 *
 * @public
 */
export const workflowsPlugin = createFrontendPlugin({
  pluginId: 'workflows',
  title: 'Workflows',
  icon: <AccountTreeIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    workflowsApi,
    componentRegistryApi,
    triggerActivityApi,
    workflowsPage,
  ],
  routes: {
    root: rootRouteRef,
    create: newWorkflowRouteRef,
    workflow: workflowRouteRef,
  },
  externalRoutes: {
    runs: runsRouteRef,
    run: runRouteRef,
    workflowMetrics: workflowMetricsRouteRef,
  },
});

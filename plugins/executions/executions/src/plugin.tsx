import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import PlayCircleOutlineIcon from '@material-ui/icons/PlayCircleOutline';
import {
  createExecutionsClient,
  createWorkflowDefinitionsClient,
  executionsApiRef,
  workflowDefinitionsApiRef,
} from './api';
import {
  approvalsRouteRef,
  componentMetricsRouteRef,
  componentPageRouteRef,
  rootRouteRef,
  runRouteRef,
  workflowMetricsRouteRef,
  workflowPageRouteRef,
} from './routes';

/**
 * Provides the {@link executionsApiRef}: the typed client of the executions
 * backend, with the signed-in user's credentials.
 *
 * @public
 */
export const executionsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: executionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createExecutionsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Provides the {@link workflowDefinitionsApiRef}: the workflows client the
 * run pages read workflow versions with.
 *
 * @public
 */
export const workflowDefinitionsApi = ApiBlueprint.make({
  name: 'workflow-definitions',
  params: defineParams =>
    defineParams({
      api: workflowDefinitionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createWorkflowDefinitionsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The executions page: runs, a run's live graph and timeline, my approvals
 * and metrics.
 *
 * @public
 */
export const executionsPage = PageBlueprint.make({
  params: {
    path: '/executions',
    routeRef: rootRouteRef,
    title: 'Executions',
    icon: <PlayCircleOutlineIcon />,
    loader: () =>
      import('./components/ExecutionsPage').then(m => <m.ExecutionsPage />),
  },
});

/**
 * The executions frontend plugin.
 *
 * @public
 */
export const executionsPlugin = createFrontendPlugin({
  pluginId: 'executions',
  title: 'Executions',
  icon: <PlayCircleOutlineIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [executionsApi, workflowDefinitionsApi, executionsPage],
  routes: {
    root: rootRouteRef,
    run: runRouteRef,
    approvals: approvalsRouteRef,
    workflowMetrics: workflowMetricsRouteRef,
    componentMetrics: componentMetricsRouteRef,
  },
  externalRoutes: {
    workflowPage: workflowPageRouteRef,
    componentPage: componentPageRouteRef,
  },
});

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import ExtensionIcon from '@material-ui/icons/Extension';
import {
  aiComponentsApiRef,
  componentUsageApiRef,
  createAiComponentsClient,
  createComponentUsageClient,
} from './api';
import {
  componentMetricsRouteRef,
  componentRouteRef,
  createComponentRouteRef,
  editComponentRouteRef,
  rootRouteRef,
  secretsRouteRef,
} from './routes';

/**
 * Provides the {@link aiComponentsApiRef}: the typed client of the
 * ai-components backend, with the signed-in user's credentials.
 *
 * @public
 */
export const aiComponentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiComponentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createAiComponentsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Provides the {@link componentUsageApiRef}: the executions client the
 * component page reads a component's calls by workflow steps with.
 *
 * @public
 */
export const componentUsageApi = ApiBlueprint.make({
  name: 'component-usage',
  params: defineParams =>
    defineParams({
      api: componentUsageApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createComponentUsageClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The AI components page: the marketplace, component pages, the
 * registration and edit forms and the secrets page.
 *
 * @public
 */
export const aiComponentsPage = PageBlueprint.make({
  params: {
    path: '/ai-components',
    routeRef: rootRouteRef,
    title: 'AI Components',
    icon: <ExtensionIcon />,
    loader: () =>
      import('./components/AiComponentsPage').then(m => <m.AiComponentsPage />),
  },
});

/**
 * The ai-components frontend plugin.
 *
 * @public
 */
export const aiComponentsPlugin = createFrontendPlugin({
  pluginId: 'ai-components',
  title: 'AI Components',
  icon: <ExtensionIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [aiComponentsApi, componentUsageApi, aiComponentsPage],
  routes: {
    root: rootRouteRef,
    create: createComponentRouteRef,
    component: componentRouteRef,
    edit: editComponentRouteRef,
    secrets: secretsRouteRef,
  },
  externalRoutes: {
    componentMetrics: componentMetricsRouteRef,
  },
});

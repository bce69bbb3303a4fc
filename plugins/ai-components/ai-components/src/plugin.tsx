import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import ExtensionIcon from '@material-ui/icons/Extension';
import { rootRouteRef } from './routes';

/** @public */
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
  extensions: [aiComponentsPage],
  routes: {
    root: rootRouteRef,
  },
});

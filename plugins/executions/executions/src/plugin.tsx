import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import PlayCircleOutlineIcon from '@material-ui/icons/PlayCircleOutline';
import { rootRouteRef } from './routes';

/** @public */
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
  extensions: [executionsPage],
  routes: {
    root: rootRouteRef,
  },
});

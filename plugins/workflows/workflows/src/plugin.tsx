import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { rootRouteRef } from './routes';

/** @public */
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
  extensions: [workflowsPage],
  routes: {
    root: rootRouteRef,
  },
});

import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import EmojiObjectsIcon from '@material-ui/icons/EmojiObjects';
import { rootRouteRef } from './routes';

/** @public */
export const recommendationsPage = PageBlueprint.make({
  params: {
    path: '/recommendations',
    routeRef: rootRouteRef,
    title: 'Recommendations',
    icon: <EmojiObjectsIcon />,
    loader: () =>
      import('./components/RecommendationsPage').then(m => (
        <m.RecommendationsPage />
      )),
  },
});

/**
 * The recommendations frontend plugin.
 *
 * @public
 */
export const recommendationsPlugin = createFrontendPlugin({
  pluginId: 'recommendations',
  title: 'Recommendations',
  icon: <EmojiObjectsIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [recommendationsPage],
  routes: {
    root: rootRouteRef,
  },
});

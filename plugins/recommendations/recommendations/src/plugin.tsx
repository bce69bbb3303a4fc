import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import EmojiObjectsIcon from '@material-ui/icons/EmojiObjects';
import {
  createRecommendationsClient,
  recommendationsApiRef,
} from '@ai-ops/plugin-recommendations-react';
import { rootRouteRef } from './routes';

/**
 * Provides the {@link recommendationsApiRef}: the typed client of the
 * recommendations backend, with the signed-in user's credentials.
 *
 * @public
 */
export const recommendationsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: recommendationsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        createRecommendationsClient({ discoveryApi, fetchApi }),
    }),
});

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
  extensions: [recommendationsApi, recommendationsPage],
  routes: {
    root: rootRouteRef,
  },
});

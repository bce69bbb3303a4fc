import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import {
  NotFoundErrorPage,
  useAppLocation,
} from '@backstage/frontend-plugin-api';
import { matchView, useAiComponentsPaths } from '../../lib/paths';

const MarketplacePage = lazy(() =>
  import('../MarketplacePage').then(m => ({ default: m.MarketplacePage })),
);
const ComponentPage = lazy(() =>
  import('../ComponentPage').then(m => ({ default: m.ComponentPage })),
);
const ComponentForm = lazy(() =>
  import('../ComponentForm').then(m => ({ default: m.ComponentForm })),
);
const SecretsPage = lazy(() =>
  import('../SecretsPage').then(m => ({ default: m.SecretsPage })),
);

/**
 * The page of the plugin: routes `/ai-components` (the marketplace),
 * `/ai-components/new` (registration), `/ai-components/secrets` (the
 * secrets runtime configs reference), `/ai-components/:namespace/:name`
 * (one component) and `/ai-components/:namespace/:name/edit` to their views,
 * each loaded when first shown.
 *
 * @public
 */
export const AiComponentsPage = () => {
  const { pathname } = useAppLocation();
  const paths = useAiComponentsPaths();
  const match = matchView(pathname, paths.base);

  let view;
  switch (match.view) {
    case 'marketplace':
      view = <MarketplacePage />;
      break;
    case 'create':
      view = <ComponentForm />;
      break;
    case 'secrets':
      view = <SecretsPage />;
      break;
    case 'component':
      view = <ComponentPage componentKey={match.key} />;
      break;
    case 'edit':
      view = <ComponentForm componentKey={match.key} />;
      break;
    default:
      view = <NotFoundErrorPage />;
  }

  return <Suspense fallback={<Progress />}>{view}</Suspense>;
};

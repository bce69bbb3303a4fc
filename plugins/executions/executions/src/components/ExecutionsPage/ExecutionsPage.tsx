import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import {
  NotFoundErrorPage,
  useAppLocation,
} from '@backstage/frontend-plugin-api';
import { matchView, useExecutionsPaths } from '../../lib/paths';

const RunListPage = lazy(() =>
  import('../RunListPage').then(m => ({ default: m.RunListPage })),
);
const RunPage = lazy(() =>
  import('../RunPage').then(m => ({ default: m.RunPage })),
);
const ApprovalsPage = lazy(() =>
  import('../ApprovalsPage').then(m => ({ default: m.ApprovalsPage })),
);
const MetricsPage = lazy(() =>
  import('../MetricsPage').then(m => ({ default: m.MetricsPage })),
);

/**
 * The page of the plugin: routes `/executions` (the runs),
 * `/executions/runs/:id` (one run), `/executions/approvals` (my approvals)
 * and `/executions/metrics/{workflows,components}/:namespace/:name` to their
 * views, each loaded when first shown.
 *
 * @public
 */
export const ExecutionsPage = () => {
  const { pathname } = useAppLocation();
  const paths = useExecutionsPaths();
  const match = matchView(pathname, paths.base);

  let view;
  switch (match.view) {
    case 'list':
      view = <RunListPage />;
      break;
    case 'run':
      view = <RunPage key={match.id} executionId={match.id} />;
      break;
    case 'approvals':
      view = <ApprovalsPage />;
      break;
    case 'workflowMetrics':
      view = (
        <MetricsPage
          key={`w:${match.key.namespace}/${match.key.name}`}
          kind="workflow"
          entity={match.key}
        />
      );
      break;
    case 'componentMetrics':
      view = (
        <MetricsPage
          key={`c:${match.key.namespace}/${match.key.name}`}
          kind="component"
          entity={match.key}
        />
      );
      break;
    default:
      view = <NotFoundErrorPage />;
  }
  return <Suspense fallback={<Progress />}>{view}</Suspense>;
};

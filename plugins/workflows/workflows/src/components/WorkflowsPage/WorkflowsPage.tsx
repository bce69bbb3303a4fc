import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import {
  NotFoundErrorPage,
  useAppLocation,
} from '@backstage/frontend-plugin-api';
import { matchView, useWorkflowsPaths } from '../../lib/paths';

const WorkflowListPage = lazy(() =>
  import('../WorkflowListPage').then(m => ({ default: m.WorkflowListPage })),
);
const NewWorkflowPage = lazy(() =>
  import('../NewWorkflowPage').then(m => ({ default: m.NewWorkflowPage })),
);
const WorkflowPage = lazy(() =>
  import('../WorkflowPage').then(m => ({ default: m.WorkflowPage })),
);

/**
 * The page of the plugin: routes `/workflows` (the list), `/workflows/new`
 * (a new workflow) and `/workflows/:namespace/:name` (one workflow) to their
 * views, each loaded when first shown.
 *
 * @public
 */
export const WorkflowsPage = () => {
  const { pathname } = useAppLocation();
  const paths = useWorkflowsPaths();
  const match = matchView(pathname, paths.base);

  let view;
  switch (match.view) {
    case 'list':
      view = <WorkflowListPage />;
      break;
    case 'new':
      view = <NewWorkflowPage />;
      break;
    case 'workflow':
      view = (
        <WorkflowPage
          key={`${match.key.namespace}/${match.key.name}`}
          workflowKey={match.key}
        />
      );
      break;
    default:
      view = <NotFoundErrorPage />;
  }
  return <Suspense fallback={<Progress />}>{view}</Suspense>;
};

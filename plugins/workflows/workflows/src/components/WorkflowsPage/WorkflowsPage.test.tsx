import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { WorkflowsPage } from './WorkflowsPage';

describe('WorkflowsPage', () => {
  it('lists the AIWorkflow entities of the catalog', async () => {
    const catalogApi = catalogApiMock({
      entities: [
        {
          apiVersion: 'ai-ops.dev/v1alpha1',
          kind: 'AIWorkflow',
          metadata: { name: 'first-one', namespace: 'default' },
          spec: {
            type: 'model',
            owner: 'group:default/team-a',
            lifecycle: 'production',
          },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'not-an-ai-thing', namespace: 'default' },
          spec: { owner: 'team-a' },
        },
      ],
    });
    renderInTestApp(<WorkflowsPage />, {
      apis: [[catalogApiRef, catalogApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('first-one')).toBeInTheDocument();
    expect(screen.getByText('group:default/team-a')).toBeInTheDocument();
    expect(screen.queryByText('not-an-ai-thing')).not.toBeInTheDocument();
  });
});

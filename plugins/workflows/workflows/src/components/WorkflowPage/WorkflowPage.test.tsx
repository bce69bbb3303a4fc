import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  COMPONENTS_URL,
  renderPage,
  workflowFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { runsRouteRef, workflowMetricsRouteRef } from '../../routes';
import { WorkflowPage } from './WorkflowPage';

jest.setTimeout(30_000);

describe('WorkflowPage links to the executions plugin', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  beforeEach(() => {
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows/default/support-triage`, () =>
        HttpResponse.json(workflowFixture()),
      ),
      http.get(`${COMPONENTS_URL}/components/default/:name`, () =>
        HttpResponse.json(componentFixture()),
      ),
      http.post(`${WORKFLOWS_URL}/validate`, () =>
        HttpResponse.json({ valid: true, issues: [] }),
      ),
    );
  });

  it('links the runs filtered by the workflow and its metrics when bound', async () => {
    await renderPage(
      <WorkflowPage
        workflowKey={{ namespace: 'default', name: 'support-triage' }}
      />,
      {
        mountedRoutes: {
          '/executions': runsRouteRef,
          '/executions/metrics/workflows/:namespace/:name':
            workflowMetricsRouteRef,
        },
      },
    );
    expect(await screen.findByRole('link', { name: 'Runs' })).toHaveAttribute(
      'href',
      `/executions?workflow=${encodeURIComponent(
        'aiworkflow:default/support-triage',
      )}`,
    );
    expect(screen.getByRole('link', { name: 'Metrics' })).toHaveAttribute(
      'href',
      '/executions/metrics/workflows/default/support-triage',
    );
  });

  it('leaves the links out when the app does not bind the routes', async () => {
    await renderPage(
      <WorkflowPage
        workflowKey={{ namespace: 'default', name: 'support-triage' }}
      />,
    );
    expect(
      await screen.findByRole('link', { name: '← Workflows' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Runs' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Metrics' }),
    ).not.toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { renderPage, summaryFixture, WORKFLOWS_URL } from '../../__testUtils__';
import { WorkflowListPage } from './WorkflowListPage';

// In a file of its own: usePermission caches decisions for the whole file.
describe('WorkflowListPage without the create permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('hides New workflow and Import YAML', async () => {
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows`, () =>
        HttpResponse.json({ items: [summaryFixture()], totalItems: 1 }),
      ),
    );
    await renderPage(<WorkflowListPage />, {
      deny: ['workflows.workflow.create'],
    });
    expect(await screen.findByText('1 workflow')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'New workflow' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Import YAML' }),
    ).not.toBeInTheDocument();
  });
});

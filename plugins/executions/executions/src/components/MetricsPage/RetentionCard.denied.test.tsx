import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { EXECUTIONS_URL, renderPage } from '../../__testUtils__';
import { RetentionCard } from './RetentionCard';

// In a file of its own: usePermission caches decisions for the whole file.
describe('RetentionCard without the workflow update permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the policy but no form to change it', async () => {
    server.use(
      http.get(
        `${EXECUTIONS_URL}/retention/workflows/default/support-triage`,
        () =>
          HttpResponse.json({
            workflowRef: 'aiworkflow:default/support-triage',
            days: 14,
            source: 'workflow',
            updatedBy: 'user:default/bob',
          }),
      ),
    );
    await renderPage(
      <RetentionCard
        workflow={{ namespace: 'default', name: 'support-triage' }}
      />,
      { deny: ['workflows.workflow.update'] },
    );
    expect(await screen.findByTestId('retention-policy')).toHaveTextContent(
      'Finished runs are removed after 14 days (set for this workflow by user:default/bob).',
    );
    expect(
      screen.queryByRole('spinbutton', { name: 'Keep finished runs (days)' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Use the default' }),
    ).not.toBeInTheDocument();
  });
});

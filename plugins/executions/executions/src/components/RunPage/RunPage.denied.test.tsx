import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  EXECUTIONS_URL,
  executionFixture,
  renderPage,
  useSignalsServer,
  versionFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { RunPage } from './RunPage';

// In a file of its own: usePermission caches decisions for the whole file.
describe('RunPage without the cancel, approve and workflow update permissions', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);
  beforeEach(() => signals.listen());

  it('shows neither Cancel nor Approve on a paused run, but still the run', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1`, () =>
        HttpResponse.json(
          executionFixture({
            status: 'paused',
            pendingApproval: {
              stepId: 'review',
              kind: 'approval',
              approvers: { owners: true, groups: [], roles: [] },
              requestedAt: '2026-11-25T10:00:07.000Z',
            },
          }),
        ),
      ),
      http.get(`${EXECUTIONS_URL}/executions/run-1/events`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(
        `${WORKFLOWS_URL}/workflows/default/support-triage/versions/2`,
        () => HttpResponse.json(versionFixture()),
      ),
    );
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
      deny: [
        'executions.execution.cancel',
        'executions.execution.approve',
        'workflows.workflow.update',
      ],
    });
    expect(await screen.findByTestId('run-step-review')).toBeInTheDocument();
    expect(screen.getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'paused',
    );
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel run' }),
    ).not.toBeInTheDocument();
    // Pinning is for those who may update the workflow.
    expect(
      screen.queryByRole('button', { name: 'Pin' }),
    ).not.toBeInTheDocument();
  });
});

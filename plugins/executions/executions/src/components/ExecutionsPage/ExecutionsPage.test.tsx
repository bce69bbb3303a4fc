import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  EXECUTIONS_URL,
  executionFixture,
  renderPage,
  useSignalsServer,
} from '../../__testUtils__';
import { matchView } from '../../lib/paths';
import { ExecutionsPage } from './ExecutionsPage';

describe('matchView', () => {
  it.each([
    ['/executions', { view: 'list' }],
    ['/executions/runs/abc-1', { view: 'run', id: 'abc-1' }],
    ['/executions/approvals', { view: 'approvals' }],
    [
      '/executions/metrics/workflows/default/w',
      { view: 'workflowMetrics', key: { namespace: 'default', name: 'w' } },
    ],
    [
      '/executions/metrics/components/team/c',
      { view: 'componentMetrics', key: { namespace: 'team', name: 'c' } },
    ],
    ['/executions/metrics/other/default/w', { view: 'notFound' }],
    ['/executions/runs', { view: 'notFound' }],
    ['/workflows', { view: 'notFound' }],
  ])('%s', (path, view) => {
    expect(matchView(path, '/executions')).toEqual(view);
  });
});

describe('ExecutionsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);
  beforeEach(() => signals.listen());

  it('shows the runs at its root', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/executions`, () =>
        HttpResponse.json({
          items: [executionFixture({ id: 'run-9' })],
          totalItems: 1,
        }),
      ),
    );
    await renderPage(<ExecutionsPage />);
    expect(
      await screen.findByRole('link', { name: 'Run run-9' }),
    ).toHaveAttribute('href', '/executions/runs/run-9');
  });

  it('shows the error of a failing backend', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/executions`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
          },
          { status: 401 },
        ),
      ),
    );
    await renderPage(<ExecutionsPage />);
    expect(await screen.findByText(/Missing credentials/)).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  EXECUTIONS_URL,
  renderPage,
  useSignalsServer,
} from '../../__testUtils__';
import { RunListPage } from './RunListPage';

// In a file of its own: usePermission caches decisions for the whole file.
describe('RunListPage without the run permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);
  beforeEach(() => signals.listen());

  it('hides Start run', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/executions`, () =>
        HttpResponse.json({ items: [], totalItems: 0 }),
      ),
    );
    await renderPage(<RunListPage />, { deny: ['executions.execution.run'] });
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'My approvals' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Start run' }),
    ).not.toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { ExecutionsPage } from './ExecutionsPage';

describe('ExecutionsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the backend status', async () => {
    server.use(
      http.get('*/api/executions/health', () =>
        HttpResponse.json({ status: 'ok' }),
      ),
    );
    await renderInTestApp(<ExecutionsPage />);
    expect(
      await screen.findByText('Executions backend: ok'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failing backend', async () => {
    server.use(
      http.get('*/api/executions/health', () =>
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
    await renderInTestApp(<ExecutionsPage />);
    expect(await screen.findByText(/Missing credentials/)).toBeInTheDocument();
  });
});

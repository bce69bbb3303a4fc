import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { RecommendationsPage } from './RecommendationsPage';

describe('RecommendationsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the backend status', async () => {
    server.use(
      http.get('*/api/recommendations/health', () =>
        HttpResponse.json({ status: 'ok' }),
      ),
    );
    await renderInTestApp(<RecommendationsPage />);
    expect(
      await screen.findByText('Recommendations backend: ok'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failing backend', async () => {
    server.use(
      http.get('*/api/recommendations/health', () =>
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
    await renderInTestApp(<RecommendationsPage />);
    expect(await screen.findByText(/Missing credentials/)).toBeInTheDocument();
  });
});

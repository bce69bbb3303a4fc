import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  errorBody,
  RECOMMENDATIONS_URL,
  renderWithApi,
  searchResultFixture,
} from '../../__testUtils__';
import { RecommendationsPage } from './RecommendationsPage';

// Rendering in jsdom is slow when suites run in parallel.
jest.setTimeout(30_000);

describe('RecommendationsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  beforeEach(() =>
    server.use(
      http.get(`${RECOMMENDATIONS_URL}/status`, () =>
        HttpResponse.json({
          backend: 'memory',
          collection: 'AiOps_builtin_256',
          embedder: {
            provider: 'builtin',
            model: 'hashing-v1',
            dimensions: 256,
          },
          components: 6,
          workflows: 2,
          refreshIntervalSeconds: 60,
          lastSyncAt: '2026-11-25T10:00:00.000Z',
        }),
      ),
      http.get(`${RECOMMENDATIONS_URL}/search`, () =>
        HttpResponse.json({
          query: 'tickets',
          items: [searchResultFixture()],
        }),
      ),
    ),
  );

  it('shows the state of the index', async () => {
    await renderWithApi(<RecommendationsPage />);
    const table = await screen.findByRole('table', { name: 'Index status' });
    expect(screen.getByText('Recommendations backend: ok')).toBeInTheDocument();
    const rows = within(table)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows).toEqual(
      expect.arrayContaining([
        'IndexExact in-memory index',
        'Embedderbuiltin · hashing-v1 · 256 dimensions',
        'Components6',
        'Workflows2',
        'Follows changes within60 s',
      ]),
    );
  });

  it('searches by meaning and shows the reasons', async () => {
    const user = userEvent.setup();
    await renderWithApi(<RecommendationsPage />);
    await user.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'tickets',
    );
    const list = await screen.findByRole('list', {
      name: 'Semantic search results',
    });
    expect(
      within(list).getByRole('link', { name: 'Ticket summariser' }),
    ).toHaveAttribute('href', '/ai-components/default/ticket-summariser');
    expect(
      within(list).getByRole('list', { name: 'Why Ticket summariser' }),
    ).toHaveTextContent('description similarity 0.71');
  });

  it('shows a refusal of the status in its card', async () => {
    server.use(
      http.get(`${RECOMMENDATIONS_URL}/status`, () =>
        HttpResponse.json(
          errorBody(401, 'AuthenticationError', 'Missing credentials'),
          {
            status: 401,
          },
        ),
      ),
    );
    await renderWithApi(<RecommendationsPage />);
    expect(
      await screen.findByText(
        'Recommendations are unavailable: Missing credentials',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('searchbox', { name: 'Search' }),
    ).toBeInTheDocument();
  });
});

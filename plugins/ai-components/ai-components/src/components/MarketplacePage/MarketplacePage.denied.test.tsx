import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  facetsFixture,
  renderPage,
  summaryFixture,
  TEST_BASE_URL,
} from '../../__testUtils__';
import { MarketplacePage } from './MarketplacePage';

// In a file of its own: usePermission caches decisions for the whole file.
describe('MarketplacePage without the create and secret-manage permissions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('hides Register component and Secrets', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/facets`, () =>
        HttpResponse.json(facetsFixture()),
      ),
      http.get(`${TEST_BASE_URL}/components`, () =>
        HttpResponse.json({ items: [summaryFixture()], totalItems: 1 }),
      ),
    );
    await renderPage(<MarketplacePage />, {
      deny: ['ai-components.component.create', 'ai-components.secret.manage'],
    });
    expect(
      await screen.findByText('1 AI component in the catalog'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Register component' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Secrets' }),
    ).not.toBeInTheDocument();
  });
});

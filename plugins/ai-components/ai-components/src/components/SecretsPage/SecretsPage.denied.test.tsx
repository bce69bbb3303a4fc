import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { renderPage, TEST_BASE_URL } from '../../__testUtils__';
import { SecretsPage } from './SecretsPage';

// In a file of its own: usePermission caches decisions for the whole file.
describe('SecretsPage without the secret-manage permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('says so, and neither lists nor offers to add secrets', async () => {
    let listed = 0;
    server.use(
      http.get(`${TEST_BASE_URL}/secrets`, () => {
        listed++;
        return HttpResponse.json({ items: [] });
      }),
    );
    await renderPage(<SecretsPage />, {
      path: '/ai-components/secrets',
      deny: ['ai-components.secret.manage'],
    });
    expect(
      await screen.findByText(/You may not manage AI component secrets/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add secret' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(listed).toBe(0);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  facetsFixture,
  RECOMMENDATIONS_URL,
  renderPage,
  runtimesFixture,
  summaryFixture,
  TEST_BASE_URL,
  versionsFixture,
} from '../../__testUtils__';
import { AiComponentsPage } from './AiComponentsPage';

jest.setTimeout(30_000);

const componentUrl = `${TEST_BASE_URL}/components/default/uppercaser`;

describe('AiComponentsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let deleted: number;
  beforeEach(() => {
    deleted = 0;
    server.use(
      http.get(`${TEST_BASE_URL}/facets`, () =>
        HttpResponse.json(facetsFixture()),
      ),
      http.get(`${TEST_BASE_URL}/components`, () =>
        HttpResponse.json({
          items: deleted ? [] : [summaryFixture()],
          totalItems: deleted ? 0 : 1,
        }),
      ),
      http.get(`${TEST_BASE_URL}/runtimes`, () =>
        HttpResponse.json({ items: runtimesFixture() }),
      ),
      http.get(componentUrl, () => HttpResponse.json(componentFixture())),
      http.get(`${componentUrl}/versions`, () =>
        HttpResponse.json({ items: versionsFixture() }),
      ),
      http.get(
        `${RECOMMENDATIONS_URL}/components/default/uppercaser/similar`,
        () =>
          HttpResponse.json({
            ref: 'aicomponent:default/uppercaser',
            items: [],
          }),
      ),
      http.get(`${TEST_BASE_URL}/secrets`, () =>
        HttpResponse.json({
          items: [
            {
              name: 'openai-api-key',
              updatedAt: '2026-01-02T10:00:00.000Z',
            },
          ],
        }),
      ),
      http.delete(componentUrl, () => {
        deleted++;
        return new HttpResponse(null, { status: 204 });
      }),
    );
  });

  it('shows the marketplace at its root and opens a component from it', async () => {
    const user = userEvent.setup();
    await renderPage(<AiComponentsPage />);
    expect(
      await screen.findByText('1 AI component in the catalog'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Uppercaser' }));
    expect(
      await screen.findByRole('heading', { name: 'Uppercaser' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Edit' }));
    expect(
      await screen.findByRole('heading', { name: 'Edit Uppercaser' }),
    ).toBeInTheDocument();
  });

  it('deletes a component after confirmation and returns to the marketplace', async () => {
    const user = userEvent.setup();
    await renderPage(<AiComponentsPage />, {
      path: '/ai-components/default/uppercaser',
    });
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Uppercaser?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(deleted).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete component',
      }),
    );
    expect(await screen.findByText('No AI components yet')).toBeInTheDocument();
    expect(deleted).toBe(1);
  });

  it('opens the secrets page from the marketplace', async () => {
    const user = userEvent.setup();
    await renderPage(<AiComponentsPage />);
    await user.click(await screen.findByRole('link', { name: 'Secrets' }));
    expect(
      await screen.findByRole('heading', { name: 'Secrets' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('cell', { name: 'openai-api-key' }),
    ).toBeInTheDocument();
  });

  it('shows the registration form at /new', async () => {
    await renderPage(<AiComponentsPage />, { path: '/ai-components/new' });
    expect(
      await screen.findByRole('heading', { name: 'Register an AI component' }),
    ).toBeInTheDocument();
  });

  it('shows that there is no such page for other paths', async () => {
    await renderPage(<AiComponentsPage />, { path: '/ai-components/a/b/c' });
    expect(
      await screen.findByText(/page not found|not found/i),
    ).toBeInTheDocument();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { AiComponentSecret } from '@ai-ops/plugin-ai-components-common';
import { errorBody, renderPage, TEST_BASE_URL } from '../../__testUtils__';
import { SecretsPage } from './SecretsPage';

const PATH = '/ai-components/secrets';

/** Sets the text of a field at once (typing key by key is slow here). */
const setText = (label: RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('SecretsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** The backend's secrets; the handlers below read and change it. */
  let stored: Map<string, AiComponentSecret>;
  let listed: number;
  let puts: { name: string; body: unknown }[];
  let deletes: string[];

  beforeEach(() => {
    stored = new Map(
      [
        {
          name: 'openai-api-key',
          updatedAt: '2026-01-02T10:00:00.000Z',
          updatedBy: 'user:default/alice',
        },
        {
          name: 'search.token',
          updatedAt: '2026-01-03T10:00:00.000Z',
          updatedBy: 'service:plugin:scaffolder',
        },
      ].map(s => [s.name, s]),
    );
    listed = 0;
    puts = [];
    deletes = [];
    server.use(
      http.get(`${TEST_BASE_URL}/secrets`, () => {
        listed++;
        return HttpResponse.json({ items: [...stored.values()] });
      }),
      http.put(
        `${TEST_BASE_URL}/secrets/:secretName`,
        async ({ params, request }) => {
          const name = params.secretName as string;
          puts.push({ name, body: await request.json() });
          const secret = {
            name,
            updatedAt: '2026-02-01T10:00:00.000Z',
            updatedBy: 'user:default/bob',
          };
          stored.set(name, secret);
          return HttpResponse.json(secret);
        },
      ),
      http.delete(`${TEST_BASE_URL}/secrets/:secretName`, ({ params }) => {
        const name = params.secretName as string;
        deletes.push(name);
        stored.delete(name);
        return new HttpResponse(null, { status: 204 });
      }),
    );
  });

  const table = () => screen.findByRole('table', { name: 'Secrets' });
  const row = (name: string) =>
    screen.getByRole('cell', { name }).closest('tr') as HTMLElement;

  it('lists the names and who stored them, never a value', async () => {
    await renderPage(<SecretsPage />, { path: PATH });
    const rows = within(await table()).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('openai-api-key');
    expect(
      within(rows[1]).getByRole('link', { name: 'alice' }),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText(/2026/)).toHaveAttribute(
      'datetime',
      '2026-01-02T10:00:00.000Z',
    );
    expect(rows[2]).toHaveTextContent('search.token');
    expect(rows[2]).toHaveTextContent('service:plugin:scaffolder');
    expect(
      within(rows[2]).getByRole('button', { name: 'Delete search.token' }),
    ).toBeInTheDocument();
  });

  it('explains what secrets are for when there are none', async () => {
    stored.clear();
    await renderPage(<SecretsPage />, { path: PATH });
    expect(await screen.findByText('No secrets yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Model components reference a secret by name in secretRef/,
      ),
    ).toBeInTheDocument();
  });

  it('adds a secret with its name and value, then shows it in the list', async () => {
    const user = userEvent.setup();
    await renderPage(<SecretsPage />, { path: PATH });
    await table();
    expect(listed).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Add secret' }));
    const dialog = screen.getByRole('dialog', { name: 'Add secret' });
    setText(/^Name/, 'anthropic-key');
    setText(/^Value/, 'sk-ant-123');
    expect(within(dialog).getByLabelText(/^Value/)).toHaveAttribute(
      'type',
      'password',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(puts).toEqual([
      { name: 'anthropic-key', body: { value: 'sk-ant-123' } },
    ]);
    expect(
      await screen.findByRole('cell', { name: 'anthropic-key' }),
    ).toBeInTheDocument();
    expect(listed).toBe(2);
    expect(screen.getByText('Saved secret anthropic-key.')).toBeInTheDocument();
    expect(screen.queryByText(/sk-ant-123/)).not.toBeInTheDocument();
  });

  it('names the field that breaks a rule and sends nothing', async () => {
    const user = userEvent.setup();
    await renderPage(<SecretsPage />, { path: PATH });
    await table();
    await user.click(screen.getByRole('button', { name: 'Add secret' }));
    const dialog = screen.getByRole('dialog', { name: 'Add secret' });
    setText(/^Name/, 'my key');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    expect(
      within(dialog).getByText(
        "Name 'my key' must use letters, digits and _ . - (at most 100 characters, starting with a letter or digit)",
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Value is required')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Name/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(puts).toEqual([]);
  });

  it("shows the server's message when it refuses", async () => {
    server.use(
      http.put(`${TEST_BASE_URL}/secrets/:secretName`, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            'aiComponents.secrets.keys is not configured',
          ),
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<SecretsPage />, { path: PATH });
    await table();
    await user.click(screen.getByRole('button', { name: 'Add secret' }));
    const dialog = screen.getByRole('dialog', { name: 'Add secret' });
    setText(/^Name/, 'anthropic-key');
    setText(/^Value/, 'sk-ant-123');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );
    expect(
      await within(dialog).findByText(
        'aiComponents.secrets.keys is not configured',
      ),
    ).toBeInTheDocument();
    expect(listed).toBe(1);
  });

  it('replaces the value of a secret with its name fixed', async () => {
    const user = userEvent.setup();
    await renderPage(<SecretsPage />, { path: PATH });
    await table();
    await user.click(
      within(row('openai-api-key')).getByRole('button', {
        name: 'Replace value of openai-api-key',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Replace value of openai-api-key',
    });
    const name = within(dialog).getByLabelText(/^Name/);
    expect(name).toHaveValue('openai-api-key');
    expect(name).toBeDisabled();
    setText(/^Value/, 'sk-new');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    expect(
      await screen.findByText('Replaced the value of openai-api-key.'),
    ).toBeInTheDocument();
    expect(puts).toEqual([
      { name: 'openai-api-key', body: { value: 'sk-new' } },
    ]);
    await waitFor(() =>
      expect(within(row('openai-api-key')).getByRole('link')).toHaveTextContent(
        'bob',
      ),
    );
    expect(listed).toBe(2);
  });

  it('deletes a secret only after confirmation, then refreshes the list', async () => {
    const user = userEvent.setup();
    await renderPage(<SecretsPage />, { path: PATH });
    await table();

    await user.click(
      within(row('openai-api-key')).getByRole('button', {
        name: 'Delete openai-api-key',
      }),
    );
    let dialog = screen.getByRole('dialog', {
      name: 'Delete secret openai-api-key?',
    });
    expect(dialog).toHaveTextContent('"secretRef": "openai-api-key"');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(deletes).toEqual([]);

    await user.click(
      within(row('openai-api-key')).getByRole('button', {
        name: 'Delete openai-api-key',
      }),
    );
    dialog = screen.getByRole('dialog', {
      name: 'Delete secret openai-api-key?',
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'Delete secret' }),
    );

    expect(
      await screen.findByText('Deleted secret openai-api-key.'),
    ).toBeInTheDocument();
    expect(deletes).toEqual(['openai-api-key']);
    await waitFor(() =>
      expect(
        screen.queryByRole('cell', { name: 'openai-api-key' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('cell', { name: 'search.token' })).toBeVisible();
    expect(listed).toBe(2);
  });
});

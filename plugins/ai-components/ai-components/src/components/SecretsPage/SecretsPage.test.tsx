import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockApis,
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type { AiComponentSecret } from '@ai-ops/plugin-ai-components-common';
import { errorBody, renderPage, TEST_BASE_URL } from '../../__testUtils__';
import { SecretsPage } from './SecretsPage';

const PATH = '/ai-components/secrets';

/** Renders the page for alice, a member of two groups. */
const renderSecretsPage = () =>
  renderPage(
    <TestApiProvider
      apis={[
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: [
            'user:default/alice',
            'group:default/ai-authors',
            'group:default/platform',
          ],
        }),
      ]}
    >
      <SecretsPage />
    </TestApiProvider>,
    { path: PATH },
  );

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
          owner: 'group:default/ai-authors',
          manageable: true,
        },
        {
          name: 'search.token',
          updatedAt: '2026-01-03T10:00:00.000Z',
          updatedBy: 'service:plugin:scaffolder',
          manageable: true,
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
          const body = (await request.json()) as { owner?: string | null };
          puts.push({ name, body });
          const secret: AiComponentSecret = {
            name,
            updatedAt: '2026-02-01T10:00:00.000Z',
            updatedBy: 'user:default/bob',
            // null: shared; absent: kept.
            owner:
              body.owner === null
                ? undefined
                : body.owner ?? stored.get(name)?.owner,
            manageable: true,
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
  /** Opens Add secret once its owners (of the signed-in user) are known. */
  const openAddDialog = async (user: ReturnType<typeof userEvent.setup>) => {
    await user.click(screen.getByRole('button', { name: 'Add secret' }));
    const dialog = screen.getByRole('dialog', { name: 'Add secret' });
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Save secret' }),
      ).toBeEnabled(),
    );
    return dialog;
  };
  /** Opens the Replace dialog of a listed secret. */
  const openReplaceDialog = async (
    user: ReturnType<typeof userEvent.setup>,
    name: string,
  ) => {
    await user.click(
      within(row(name)).getByRole('button', {
        name: `Replace value of ${name}`,
      }),
    );
    return screen.getByRole('dialog', { name: `Replace value of ${name}` });
  };

  it('lists the names and who stored them, never a value', async () => {
    await renderSecretsPage();
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

  it('shows the owner of each secret, or Shared', async () => {
    await renderSecretsPage();
    const rows = within(await table()).getAllByRole('row');
    expect(
      within(rows[0]).getByRole('columnheader', { name: 'Owner' }),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: 'ai-authors' }),
    ).toHaveAttribute('href', '/catalog/default/group/ai-authors');
    expect(
      within(rows[2]).getByRole('cell', { name: 'Shared' }),
    ).toBeInTheDocument();
  });

  it('offers no replace or delete where the user may not change the secret', async () => {
    stored.set('search.token', {
      ...stored.get('search.token')!,
      manageable: false,
    });
    stored.set('billing.key', {
      name: 'billing.key',
      updatedAt: '2026-01-04T10:00:00.000Z',
      owner: 'group:default/finance',
      manageable: false,
    });
    await renderSecretsPage();
    await table();

    expect(within(row('search.token')).queryByRole('button')).toBeNull();
    expect(
      within(row('search.token')).getByText('Managed by admins'),
    ).toBeInTheDocument();
    expect(within(row('billing.key')).queryByRole('button')).toBeNull();
    expect(
      within(row('billing.key')).getByText('Managed by its owner'),
    ).toBeInTheDocument();
    expect(
      within(row('openai-api-key')).getByRole('button', {
        name: 'Replace value of openai-api-key',
      }),
    ).toBeInTheDocument();
    expect(
      within(row('openai-api-key')).getByRole('button', {
        name: 'Delete openai-api-key',
      }),
    ).toBeInTheDocument();
  });

  it('explains what secrets are for when there are none', async () => {
    stored.clear();
    await renderSecretsPage();
    expect(await screen.findByText('No secrets yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Model components reference a secret by name in secretRef/,
      ),
    ).toBeInTheDocument();
  });

  it('adds a secret owned by the first group of the user by default, then shows it in the list', async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    expect(listed).toBe(1);

    const dialog = await openAddDialog(user);
    expect(
      within(dialog).getByRole('combobox', { name: /^Owner/ }),
    ).toHaveTextContent('group:default/ai-authors');
    expect(
      within(dialog).getByText(
        'Only components owned by group:default/ai-authors can use the secret.',
      ),
    ).toBeInTheDocument();
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
      {
        name: 'anthropic-key',
        body: { value: 'sk-ant-123', owner: 'group:default/ai-authors' },
      },
    ]);
    expect(
      await screen.findByRole('cell', { name: 'anthropic-key' }),
    ).toBeInTheDocument();
    expect(
      within(row('anthropic-key')).getByRole('link', { name: 'ai-authors' }),
    ).toBeInTheDocument();
    expect(listed).toBe(2);
    expect(screen.getByText('Saved secret anthropic-key.')).toBeInTheDocument();
    expect(screen.queryByText(/sk-ant-123/)).not.toBeInTheDocument();
  });

  it('adds a shared secret, without an owner, when Shared is chosen', async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    const dialog = await openAddDialog(user);
    await user.click(within(dialog).getByRole('combobox', { name: /^Owner/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      'user:default/alice',
      'group:default/ai-authors',
      'group:default/platform',
      'Shared (any component may use it)',
    ]);
    await user.click(
      screen.getByRole('option', { name: 'Shared (any component may use it)' }),
    );
    expect(
      within(dialog).getByText(
        'Any component may use the secret; only admins may add shared secrets.',
      ),
    ).toBeInTheDocument();
    setText(/^Name/, 'shared-key');
    setText(/^Value/, 'sk-shared');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    expect(
      await screen.findByText('Saved secret shared-key.'),
    ).toBeInTheDocument();
    expect(puts).toEqual([
      { name: 'shared-key', body: { value: 'sk-shared' } },
    ]);
    expect(
      within(row('shared-key')).getByRole('cell', { name: 'Shared' }),
    ).toBeInTheDocument();
  });

  it('shows why the server refuses a shared secret', async () => {
    server.use(
      http.put(`${TEST_BASE_URL}/secrets/:secretName`, () =>
        HttpResponse.json(
          errorBody(
            403,
            'NotAllowedError',
            'Only admins may add shared secrets',
          ),
          { status: 403 },
        ),
      ),
    );
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    const dialog = await openAddDialog(user);
    await user.click(within(dialog).getByRole('combobox', { name: /^Owner/ }));
    await user.click(
      screen.getByRole('option', { name: 'Shared (any component may use it)' }),
    );
    setText(/^Name/, 'shared-key');
    setText(/^Value/, 'sk-shared');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );
    expect(
      await within(dialog).findByText('Only admins may add shared secrets'),
    ).toBeInTheDocument();
    expect(listed).toBe(1);
  });

  it('names the field that breaks a rule and sends nothing', async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    const dialog = await openAddDialog(user);
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
    await renderSecretsPage();
    await table();
    const dialog = await openAddDialog(user);
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

  it('replaces the value of a secret with its name and owner fixed', async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    const dialog = await openReplaceDialog(user, 'openai-api-key');
    const name = within(dialog).getByLabelText(/^Name/);
    expect(name).toHaveValue('openai-api-key');
    expect(name).toBeDisabled();
    expect(
      within(dialog).getByRole('combobox', { name: /^Owner/ }),
    ).toHaveTextContent('group:default/ai-authors');
    expect(
      within(dialog).getByText(
        'Replacing the value keeps the owner; choose another to hand the secret over.',
      ),
    ).toBeInTheDocument();
    setText(/^Value/, 'sk-new');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    expect(
      await screen.findByText('Replaced the value of openai-api-key.'),
    ).toBeInTheDocument();
    // No owner is sent: the secret keeps its own.
    expect(puts).toEqual([
      { name: 'openai-api-key', body: { value: 'sk-new' } },
    ]);
    expect(
      await within(row('openai-api-key')).findByRole('link', { name: 'bob' }),
    ).toBeInTheDocument();
    expect(
      within(row('openai-api-key')).getByRole('link', { name: 'ai-authors' }),
    ).toBeInTheDocument();
    expect(listed).toBe(2);
  });

  it("hands a secret to another of the user's groups when it is replaced", async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    const dialog = await openReplaceDialog(user, 'openai-api-key');
    await user.click(within(dialog).getByRole('combobox', { name: /^Owner/ }));
    // The current owner first, shared last.
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      'group:default/ai-authors',
      'user:default/alice',
      'group:default/platform',
      'Shared (any component may use it)',
    ]);
    await user.click(
      screen.getByRole('option', { name: 'group:default/platform' }),
    );
    expect(
      within(dialog).getByText(
        'Saving hands the secret to group:default/platform: only its components can use it from then on.',
      ),
    ).toBeInTheDocument();
    setText(/^Value/, 'sk-platform');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    expect(
      await screen.findByText('Replaced the value of openai-api-key.'),
    ).toBeInTheDocument();
    expect(puts).toEqual([
      {
        name: 'openai-api-key',
        body: { value: 'sk-platform', owner: 'group:default/platform' },
      },
    ]);
    expect(
      await within(row('openai-api-key')).findByRole('link', {
        name: 'platform',
      }),
    ).toBeInTheDocument();
  });

  it('makes an owned secret shared when Shared is chosen', async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
    await table();
    const dialog = await openReplaceDialog(user, 'openai-api-key');
    await user.click(within(dialog).getByRole('combobox', { name: /^Owner/ }));
    await user.click(
      screen.getByRole('option', { name: 'Shared (any component may use it)' }),
    );
    expect(
      within(dialog).getByText(
        'Saving makes the secret shared: any component may use it from then on. Only admins may make a secret shared.',
      ),
    ).toBeInTheDocument();
    setText(/^Value/, 'sk-shared');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save secret' }),
    );

    expect(
      await screen.findByText('Replaced the value of openai-api-key.'),
    ).toBeInTheDocument();
    // null, not absent: absent would keep the owner.
    expect(puts).toEqual([
      { name: 'openai-api-key', body: { value: 'sk-shared', owner: null } },
    ]);
    expect(
      await within(row('openai-api-key')).findByRole('cell', {
        name: 'Shared',
      }),
    ).toBeInTheDocument();
  });

  it('deletes a secret only after confirmation, then refreshes the list', async () => {
    const user = userEvent.setup();
    await renderSecretsPage();
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

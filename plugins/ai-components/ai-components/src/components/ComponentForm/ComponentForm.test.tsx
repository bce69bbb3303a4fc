import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  renderPage,
  runtimesFixture,
  errorBody,
  RECOMMENDATIONS_URL,
  TEST_BASE_URL,
  versionsFixture,
} from '../../__testUtils__';
import { AiComponentsPage } from '../AiComponentsPage';
import { ComponentForm } from './ComponentForm';

const componentUrl = `${TEST_BASE_URL}/components/default/uppercaser`;

const field = (name: string | RegExp) => screen.getByRole('textbox', { name });
/** Sets the text of a field at once (typing key by key is slow here). */
const setText = (name: string | RegExp, value: string) =>
  fireEvent.change(field(name), { target: { value } });

jest.setTimeout(30_000);

describe('ComponentForm', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let posted: unknown[];
  let put: unknown[];
  beforeEach(() => {
    posted = [];
    put = [];
    server.use(
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
      http.post(`${TEST_BASE_URL}/components`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(componentFixture(), { status: 201 });
      }),
      http.put(componentUrl, async ({ request }) => {
        put.push(await request.json());
        return HttpResponse.json(componentFixture());
      }),
    );
  });

  async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
    await screen.findByRole('textbox', { name: /^Name/ });
    setText(/^Name/, 'uppercaser');
    setText('Title', 'Uppercaser');
    await user.selectOptions(
      screen.getByRole('combobox', { name: /^Type/ }),
      'tool',
    );
    setText(/^Owner/, 'group:default/team-a');
    setText('Tags', 'text, demo');
    await user.selectOptions(
      screen.getByRole('combobox', { name: /^Runtime type/ }),
      'JSONata transform (jsonata)',
    );
  }

  it('shows a message at each field that breaks a rule, and sends nothing', async () => {
    const user = userEvent.setup();
    await renderPage(<ComponentForm />, { path: '/ai-components/new' });
    await screen.findByRole('textbox', { name: /^Name/ });
    setText(/^Name/, 'Bad Name');
    setText('Tags', 'ok, Bad#Tag!');
    setText('Title', 'x'.repeat(201));
    setText('Input schema', '{"type": ');
    expect(screen.getByText(/^Not valid JSON/)).toBeInTheDocument();
    setText('Output schema', '[]');
    expect(
      screen.getByText('Must be a JSON object, e.g. {}'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(
      screen.getByText(
        "name 'Bad Name' must use lowercase letters and digits, separated by single -, _ or .",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^tags item 'Bad#Tag!' must use/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('title must have at most 200 characters'),
    ).toBeInTheDocument();
    expect(screen.getByText('type is required')).toBeInTheDocument();
    expect(screen.getByText('runtime is required')).toBeInTheDocument();
    expect(
      screen.getByText('Fix the 7 fields marked below.'),
    ).toBeInTheDocument();
    expect(posted).toEqual([]);
    setText(/^Name/, 'good-name');
    expect(screen.queryByText(/^name 'Bad Name'/)).not.toBeInTheDocument();
  });

  it('links the secret references of the runtime config to the secrets page', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/secrets`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<AiComponentsPage />, { path: '/ai-components/new' });
    const link = await screen.findByRole('link', {
      name: 'reference secrets by name',
    });
    expect(link).toHaveAttribute('href', '/ai-components/secrets');
    await user.click(link);
    expect(
      await screen.findByRole('heading', { name: 'Secrets' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('No secrets yet')).toBeInTheDocument();
  });

  it('registers a component and opens its page', async () => {
    const user = userEvent.setup();
    await renderPage(<AiComponentsPage />, { path: '/ai-components/new' });
    expect(
      await screen.findByRole('heading', { name: 'Register an AI component' }),
    ).toBeInTheDocument();
    await fillValidForm(user);
    expect(
      JSON.parse((field('Runtime config') as HTMLTextAreaElement).value),
    ).toEqual({
      expression: '',
    });
    expect(
      screen.getByText('Evaluates a JSONata expression against the input.'),
    ).toBeInTheDocument();
    setText(
      'Runtime config',
      '{"expression": "{\\"text\\": $uppercase(text)}"}',
    );
    setText(
      'Input schema',
      '{"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}',
    );
    await user.click(screen.getByRole('button', { name: 'Register' }));

    expect(
      await screen.findByRole('heading', { name: 'Uppercaser' }),
    ).toBeInTheDocument();
    expect(posted).toEqual([
      {
        name: 'uppercaser',
        title: 'Uppercaser',
        type: 'tool',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        tags: ['text', 'demo'],
        runtime: {
          type: 'jsonata',
          config: { expression: '{"text": $uppercase(text)}' },
        },
        inputSchema: {
          type: 'object',
          required: ['text'],
          properties: { text: { type: 'string' } },
        },
        outputSchema: { type: 'object', properties: {} },
      },
    ]);
  });

  it("shows the server's 400 message at the field it names", async () => {
    server.use(
      http.post(`${TEST_BASE_URL}/components`, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            "runtime.config: jsonata: must have required property 'expression'",
          ),
          {
            status: 400,
          },
        ),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<ComponentForm />, { path: '/ai-components/new' });
    await fillValidForm(user);
    setText('Runtime config', '{}');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The server refused the component: runtime.config: jsonata: must have required property 'expression'",
    );
    const config = field('Runtime config');
    expect(config).toHaveAttribute('aria-invalid', 'true');
    expect(
      document.getElementById(
        config.getAttribute('aria-describedby')!.split(' ')[0],
      ),
    ).toHaveTextContent("must have required property 'expression'");
  });

  it('saves a new version of an existing component, keeping what the form does not edit', async () => {
    server.use(
      http.get(componentUrl, () =>
        HttpResponse.json(
          componentFixture({ system: 'system:default/support' }),
        ),
      ),
    );
    const user = userEvent.setup();
    await renderPage(
      <ComponentForm
        componentKey={{ namespace: 'default', name: 'uppercaser' }}
      />,
      { path: '/ai-components/default/uppercaser/edit' },
    );
    expect(
      await screen.findByDisplayValue('default/uppercaser'),
    ).toBeDisabled();
    expect(field('Title')).toHaveValue('Uppercaser');
    expect(field('Tags')).toHaveValue('text, demo');
    expect(field('Version label')).toHaveValue('1.1.0');
    setText('Version label', '1.2.0');
    setText('Change note', 'Louder');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    await waitFor(() => expect(put).toHaveLength(1));
    expect(put[0]).toMatchObject({
      title: 'Uppercaser',
      version: '1.2.0',
      changeNote: 'Louder',
      system: 'system:default/support',
      runtime: componentFixture().spec.runtime,
    });
    expect(put[0]).not.toHaveProperty('name');
  });

  it('refuses to edit a component managed in Git', async () => {
    server.use(
      http.get(componentUrl, () =>
        HttpResponse.json(
          componentFixture({
            readOnly: true,
            source: 'catalog',
            sourceLocation: 'url:https://git/x.yaml',
          }),
        ),
      ),
    );
    await renderPage(
      <ComponentForm
        componentKey={{ namespace: 'default', name: 'uppercaser' }}
      />,
      { path: '/ai-components/default/uppercaser/edit' },
    );
    expect(
      await screen.findByText(
        /Managed in Git: change it in its catalog-info.yaml file/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save new version' }),
    ).not.toBeInTheDocument();
  });
});

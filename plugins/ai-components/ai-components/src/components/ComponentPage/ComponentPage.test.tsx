import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  componentMetricsFixture,
  renderPage,
  runtimesFixture,
  errorBody,
  EXECUTIONS_URL,
  RECOMMENDATIONS_URL,
  TEST_BASE_URL,
  versionsFixture,
} from '../../__testUtils__';
import { ComponentPage } from './ComponentPage';

const key = { namespace: 'default', name: 'uppercaser' };
const componentUrl = `${TEST_BASE_URL}/components/default/uppercaser`;
const WORKFLOW_USAGE_URL = 'http://localhost:7007/api/workflows/usage';
const SIMILAR_URL = `${RECOMMENDATIONS_URL}/components/default/uppercaser/similar`;
const USAGE_URL = `${EXECUTIONS_URL}/metrics/components/default/uppercaser`;

// Rendering the whole page in jsdom is slow when suites run in parallel.
jest.setTimeout(30_000);

describe('ComponentPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let invokeBodies: unknown[];
  beforeEach(() => {
    invokeBodies = [];
    server.use(
      http.get(componentUrl, () => HttpResponse.json(componentFixture())),
      http.get(`${componentUrl}/versions`, () =>
        HttpResponse.json({ items: versionsFixture() }),
      ),
      http.get(`${TEST_BASE_URL}/runtimes`, () =>
        HttpResponse.json({ items: runtimesFixture() }),
      ),
      http.get(USAGE_URL, () => HttpResponse.json(componentMetricsFixture())),
      http.get(SIMILAR_URL, () =>
        HttpResponse.json({
          ref: 'aicomponent:default/uppercaser',
          items: [
            {
              ref: 'aicomponent:default/shouter',
              namespace: 'default',
              name: 'shouter',
              title: 'Shouter',
              type: 'tool',
              tags: ['text'],
              score: 0.8,
              reasons: [
                {
                  kind: 'similarity',
                  text: 'description similarity 0.82',
                  value: 0.82,
                },
                { kind: 'same-type', text: 'also a tool' },
              ],
            },
          ],
        }),
      ),
      http.get(WORKFLOW_USAGE_URL, ({ request }) =>
        HttpResponse.json({
          items:
            new URL(request.url).searchParams.get('component') ===
            'aicomponent:default/uppercaser'
              ? [
                  {
                    ref: 'aiworkflow:default/shouting',
                    title: 'Shouting',
                    latestVersion: 3,
                  },
                ]
              : [],
        }),
      ),
    );
  });

  const render = (options: { unboundMetrics?: boolean } = {}) =>
    renderPage(<ComponentPage componentKey={key} />, {
      path: '/ai-components/default/uppercaser',
      ...options,
    });

  describe('usage card', () => {
    const usageCard = async () =>
      (await screen.findByText('Usage (last 7 days)')).closest(
        '.MuiCard-root',
      ) as HTMLElement;

    it('shows the calls of the last 7 days from the executions API, linking to all metrics', async () => {
      const requests: URL[] = [];
      server.use(
        http.get(USAGE_URL, ({ request }) => {
          requests.push(new URL(request.url));
          return HttpResponse.json(
            componentMetricsFixture({
              runs: 1234,
              succeeded: 1170,
              failed: 30,
              successRate: 0.975,
              p50LatencyMs: 350.4,
              p95LatencyMs: 1234,
              inputTokens: 10000,
              outputTokens: 2500,
              costUsd: 1.5,
            }),
          );
        }),
      );
      const before = Date.now();
      await render();
      const totals = await screen.findByLabelText('Usage totals');
      const figures = Object.fromEntries(
        within(totals)
          .getAllByRole('term')
          .map(term => [
            term.textContent,
            term.nextElementSibling?.textContent,
          ]),
      );
      expect(figures).toEqual({
        Calls: '1,234',
        'Success rate': '97.5%',
        'p50 latency': '350 ms',
        'p95 latency': '1.2 s',
        'Tokens (in / out)': '10,000 / 2,500',
        Cost: '$1.50',
      });

      expect(requests).toHaveLength(1);
      const query = requests[0].searchParams;
      const from = Date.parse(query.get('from')!);
      const to = Date.parse(query.get('to')!);
      expect(to - from).toBe(7 * 24 * 3600_000);
      expect(to).toBeGreaterThanOrEqual(before);
      expect(to).toBeLessThanOrEqual(Date.now());
      expect(query.get('bucket')).toBe('day');

      expect(
        within(await usageCard()).getByRole('link', { name: 'All metrics' }),
      ).toHaveAttribute(
        'href',
        '/executions/metrics/components/default/uppercaser',
      );
    });

    it('says so when no workflow run called the component', async () => {
      await render();
      const card = await usageCard();
      expect(
        await within(card).findByText(
          'Not called by any workflow run in the last 7 days.',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByLabelText('Usage totals')).not.toBeInTheDocument();
      expect(
        within(card).getByRole('link', { name: 'All metrics' }),
      ).toBeInTheDocument();
    });

    it('has no metrics link when the app has no executions metrics page', async () => {
      await render({ unboundMetrics: true });
      const card = await usageCard();
      await within(card).findByText(
        'Not called by any workflow run in the last 7 days.',
      );
      expect(
        within(card).queryByRole('link', { name: 'All metrics' }),
      ).not.toBeInTheDocument();
    });

    it.each([
      [
        404,
        'NotFoundError',
        'Usage is unavailable: the executions API is not installed.',
      ],
      [403, 'NotAllowedError', 'You may not see the usage of this component.'],
      [500, 'Error', 'Usage is unavailable (500).'],
    ])(
      'shows a short note when the executions API answers %s, and the rest of the page works',
      async (status, name, note) => {
        server.use(
          http.get(USAGE_URL, () =>
            HttpResponse.json(errorBody(status, name, 'no'), { status }),
          ),
        );
        await render();
        const card = await usageCard();
        expect(await within(card).findByRole('status')).toHaveTextContent(note);
        expect(
          within(card).queryByRole('link', { name: 'All metrics' }),
        ).not.toBeInTheDocument();
        expect(screen.queryByLabelText('Usage totals')).not.toBeInTheDocument();
        expect(
          screen.getByRole('heading', { name: 'Uppercaser' }),
        ).toBeInTheDocument();
        expect(
          await screen.findByRole('list', {
            name: 'Workflows using this component',
          }),
        ).toBeInTheDocument();
        expect(
          await screen.findByRole('button', { name: 'Run' }),
        ).toBeInTheDocument();
      },
    );
  });

  it('lists the workflows that use the component', async () => {
    await render();
    const list = await screen.findByRole('list', {
      name: 'Workflows using this component',
    });
    expect(
      within(list).getByRole('link', { name: 'Shouting' }),
    ).toHaveAttribute('href', '/workflows/default/shouting');
    expect(within(list).getByText(/version 3/)).toBeInTheDocument();
  });

  it('shows similar components with their reasons, linking to their pages', async () => {
    await render();
    const list = await screen.findByRole('list', {
      name: 'Similar components',
    });
    expect(within(list).getByRole('link', { name: 'Shouter' })).toHaveAttribute(
      'href',
      '/ai-components/default/shouter',
    );
    expect(
      within(list)
        .getAllByRole('listitem')
        .filter(li => li.hasAttribute('data-reason-kind'))
        .map(li => li.textContent),
    ).toEqual(['description similarity 0.82', 'also a tool']);
  });

  it('keeps working when recommendations are unavailable', async () => {
    server.use(
      http.get(SIMILAR_URL, () =>
        HttpResponse.json(
          errorBody(503, 'ServiceUnavailableError', 'Weaviate is down'),
          { status: 503 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(
        'Recommendations are unavailable: Weaviate is down',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Uppercaser' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeInTheDocument();
    expect(
      await screen.findByRole('list', {
        name: 'Workflows using this component',
      }),
    ).toBeInTheDocument();
  });

  it('shows the overview and the input and output schemas as property tables', async () => {
    await render();
    expect(
      await screen.findByRole('heading', { name: 'Uppercaser' }),
    ).toBeInTheDocument();
    const overview = screen.getByRole('region', { name: 'Overview' });
    expect(
      within(overview).getByText('Shouts the text back'),
    ).toBeInTheDocument();
    expect(
      within(overview).getByText('1.1.0 (revision 2)'),
    ).toBeInTheDocument();
    expect(within(overview).getByText('demo')).toBeInTheDocument();
    expect(
      within(overview).getByRole('link', { name: /team-a/ }),
    ).toHaveAttribute('href', '/catalog/default/group/team-a');

    const input = screen.getByRole('table', {
      name: 'Input schema properties',
    });
    const rows = within(input).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-path'))).toEqual([
      'text',
      'options',
      'options.loud',
    ]);
    expect(within(rows[0]).getByText('required')).toBeInTheDocument();
    expect(within(rows[0]).getByText('What to shout')).toBeInTheDocument();
    expect(within(rows[2]).getByText('boolean')).toBeInTheDocument();
    expect(within(rows[2]).getByText('optional')).toBeInTheDocument();

    const output = screen.getByRole('table', {
      name: 'Output schema properties',
    });
    expect(within(output).getByText('The shouted text')).toBeInTheDocument();
    expect(screen.getByTestId('input-schema-json').textContent).toContain(
      '"required": [\n    "text"\n  ]',
    );
  });

  it('shows secret references by name and masks secret-looking values', async () => {
    await render();
    const config = await screen.findByRole('table', { name: 'Runtime config' });
    expect(
      within(config).getByText('secret: openai-api-key'),
    ).toBeInTheDocument();
    expect(
      within(config).getByText('{"text": $uppercase(text)}'),
    ).toBeInTheDocument();
    expect(within(config).getAllByText(/••••••••/)).toHaveLength(2);
    expect(screen.queryByText(/sk-live-1234/)).not.toBeInTheDocument();
    expect(screen.queryByText(/hunter2/)).not.toBeInTheDocument();
    expect(screen.getByText('JSONata transform (jsonata)')).toBeInTheDocument();
  });

  it('diffs the specs of any two versions field by field', async () => {
    const user = userEvent.setup();
    await render();
    const diff = await screen.findByRole('table', {
      name: 'Changes between the versions',
    });
    const rows = within(diff).getAllByRole('row').slice(1);
    const cells = rows.map(r =>
      within(r)
        .getAllByRole('cell')
        .map(c => c.textContent),
    );
    expect(cells).toEqual(
      expect.arrayContaining([
        [
          'runtime.config.expression',
          'changed',
          '"{\\"text\\": text}"',
          '"{\\"text\\": $uppercase(text)}"',
        ],
        ['runtime.config.timeoutMs', 'removed', '1000', ''],
        ['runtime.config.secretRef', 'added', '', '"secret: openai-api-key"'],
        ['runtime.config.apiToken', 'added', '', '"••••••••"'],
        [
          'outputSchema.properties',
          'added',
          '',
          expect.stringContaining('The shouted text'),
        ],
      ]),
    );
    expect(screen.queryByText(/sk-live-1234/)).not.toBeInTheDocument();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'From' }),
      'r2 (1.1.0)',
    );
    expect(
      await screen.findByText('The specs of these versions are the same.'),
    ).toBeInTheDocument();
  });

  it('tries the component and shows output, tokens, cost, latency and model', async () => {
    server.use(
      http.post(`${componentUrl}/invoke`, async ({ request }) => {
        invokeBodies.push(await request.json());
        return HttpResponse.json({
          revision: 1,
          output: { text: 'HELLO' },
          usage: { inputTokens: 12, outputTokens: 5 },
          costUsd: 0.000123,
          priced: true,
          latencyMs: 42.4,
          model: 'gpt-x',
        });
      }),
    );
    const user = userEvent.setup();
    await render();
    const input = await screen.findByRole('textbox', { name: 'Input' });
    expect(JSON.parse((input as HTMLTextAreaElement).value)).toEqual({
      text: '',
    });

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Revision' }),
      'r1 (1.0.0)',
    );
    fireEvent.change(input, { target: { value: '{"text": "hello"}' } });
    await user.click(screen.getByRole('button', { name: 'Run' }));

    const result = await screen.findByRole('region', { name: 'Result' });
    expect(within(result).getByLabelText('Output').textContent).toContain(
      '"HELLO"',
    );
    expect(within(result).getByText('12')).toBeInTheDocument();
    expect(within(result).getByText('5')).toBeInTheDocument();
    expect(within(result).getByText('$0.000123')).toBeInTheDocument();
    expect(within(result).getByText('42 ms')).toBeInTheDocument();
    expect(within(result).getByText('gpt-x')).toBeInTheDocument();
    expect(invokeBodies).toEqual([{ input: { text: 'hello' }, revision: 1 }]);
  });

  it('shows the classified error of a failed call', async () => {
    server.use(
      http.post(`${componentUrl}/invoke`, () =>
        HttpResponse.json({
          revision: 2,
          error: { code: 'RateLimited', message: 'slow down', retryable: true },
          usage: { inputTokens: 0, outputTokens: 0 },
          costUsd: 0,
          latencyMs: 7,
        }),
      ),
    );
    const user = userEvent.setup();
    await render();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    const result = await screen.findByRole('region', { name: 'Result' });
    expect(within(result).getByText('RateLimited')).toBeInTheDocument();
    expect(within(result).getByText(/slow down/)).toBeInTheDocument();
    expect(within(result).getByText(/Retryable/)).toBeInTheDocument();
    expect(within(result).getByText('7 ms')).toBeInTheDocument();
  });

  it('shows the message of a refused input and blocks input that does not parse', async () => {
    server.use(
      http.post(`${componentUrl}/invoke`, () =>
        HttpResponse.json(
          errorBody(400, 'InputError', 'input: /text must be string'),
          {
            status: 400,
          },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();
    const input = await screen.findByRole('textbox', { name: 'Input' });
    fireEvent.change(input, { target: { value: '{"text": ' } });
    expect(screen.getByText(/^Not valid JSON/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();

    fireEvent.change(input, { target: { value: '{"text": 42}' } });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'input: /text must be string',
    );
  });

  it('offers Edit and Delete for console components', async () => {
    await render();
    expect(await screen.findByRole('link', { name: 'Edit' })).toHaveAttribute(
      'href',
      '/ai-components/default/uppercaser/edit',
    );
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    // Its secrets are fine: no warning.
    expect(screen.queryByTestId('secret-problems')).not.toBeInTheDocument();
  });

  it('shows Managed in Git without Edit or Delete for components from Git', async () => {
    server.use(
      http.get(componentUrl, () =>
        HttpResponse.json(
          componentFixture({
            readOnly: true,
            source: 'catalog',
            sourceLocation:
              'url:https://github.com/acme/ai/blob/main/catalog-info.yaml',
          }),
        ),
      ),
    );
    await render();
    await screen.findByRole('heading', { name: 'Uppercaser' });
    expect(
      screen.getAllByRole('link', { name: 'Managed in Git' })[0],
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/ai/blob/main/catalog-info.yaml',
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Run' })).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('link', { name: 'Edit' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });

  it('warns of secrets the component cannot use', async () => {
    const message =
      "runtime.config/secretRef: secret 'openai-key' belongs to group:default/team-b; only components owned by group:default/team-b may use it (this one is owned by group:default/team-a)";
    server.use(
      http.get(componentUrl, () =>
        HttpResponse.json(
          componentFixture({
            secretProblems: [
              {
                path: 'runtime.config/secretRef',
                secret: 'openai-key',
                problem: 'other-owner',
                owner: 'group:default/team-b',
                message,
              },
            ],
          }),
        ),
      ),
    );
    await render();
    const warning = await screen.findByTestId('secret-problems');
    expect(warning).toHaveTextContent(
      'Runs of this component fail until these secrets are fixed',
    );
    expect(within(warning).getByRole('listitem')).toHaveTextContent(message);
  });

  it('shows the error of a missing component', async () => {
    server.use(
      http.get(componentUrl, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', "No component 'default/uppercaser'"),
          {
            status: 404,
          },
        ),
      ),
    );
    await render();
    expect(
      (await screen.findAllByText(/No component 'default\/uppercaser'/)).length,
    ).toBeGreaterThan(0);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  errorBody,
  recommendationFixture,
  RECOMMENDATIONS_URL,
  renderWithApi,
} from '../../__testUtils__';
import { SimilarComponentsCard } from './SimilarComponentsCard';

const similarUrl = `${RECOMMENDATIONS_URL}/components/default/gpt-4o-chat/similar`;

// Rendering in jsdom is slow when suites run in parallel.
jest.setTimeout(30_000);

describe('SimilarComponentsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let queries: Array<Record<string, string>>;
  beforeEach(() => {
    queries = [];
    server.use(
      http.get(similarUrl, ({ request }) => {
        const params = Object.fromEntries(new URL(request.url).searchParams);
        queries.push(params);
        const cheaperOnly = params.cheaper === 'true';
        return HttpResponse.json({
          ref: 'aicomponent:default/gpt-4o-chat',
          items: [
            recommendationFixture(),
            ...(cheaperOnly
              ? []
              : [
                  recommendationFixture({
                    name: 'claude-haiku',
                    title: undefined,
                    metrics: undefined,
                    reasons: [
                      {
                        kind: 'co-usage',
                        text: 'used in 4 of the same workflows',
                        value: 4,
                      },
                    ],
                  }),
                ]),
          ],
        });
      }),
    );
  });

  const render = () =>
    renderWithApi(
      <SimilarComponentsCard
        componentKey={{ namespace: 'default', name: 'gpt-4o-chat' }}
        componentLink={item => `/ai-components/${item.namespace}/${item.name}`}
      />,
    );

  it('lists similar components with links, measurements and their reasons', async () => {
    await render();
    const list = await screen.findByRole('list', {
      name: 'Similar components',
    });
    expect(
      within(list).getByRole('link', { name: 'GPT-4o mini chat' }),
    ).toHaveAttribute('href', '/ai-components/default/gpt-4o-mini-chat');
    expect(
      within(list).getByText(/model · default\/gpt-4o-mini-chat/),
    ).toHaveTextContent(
      'model · default/gpt-4o-mini-chat · $0.0012 per call · 420 ms median · quality 0.91 · 37 runs',
    );
    const why = within(list).getByRole('list', {
      name: 'Why GPT-4o mini chat',
    });
    expect(
      within(why)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'description similarity 0.82',
      '30% cheaper at the same evaluation score',
    ]);
    expect(
      within(list).getByRole('list', { name: 'Why claude-haiku' }),
    ).toHaveTextContent('used in 4 of the same workflows');
    expect(queries).toEqual([{}]);
  });

  it('asks for the filters the user turns on', async () => {
    const user = userEvent.setup();
    await render();
    await screen.findByRole('list', { name: 'Similar components' });
    await user.click(screen.getByRole('button', { name: 'Cheaper' }));
    expect(screen.getByRole('button', { name: 'Cheaper' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(screen.getByRole('button', { name: 'Same type' }));
    await screen.findByRole('list', { name: 'Why GPT-4o mini chat' });
    expect(
      screen.queryByRole('list', { name: 'Why claude-haiku' }),
    ).not.toBeInTheDocument();
    expect(queries.at(-1)).toEqual({ cheaper: 'true', sameType: 'true' });

    await user.click(screen.getByRole('button', { name: 'Cheaper' }));
    await user.click(screen.getByRole('button', { name: 'Same type' }));
    await user.click(screen.getByRole('button', { name: 'Faster' }));
    await screen.findByRole('list', { name: 'Why claude-haiku' });
    expect(queries.at(-1)).toEqual({ faster: 'true' });
  });

  it('says so when nothing is similar', async () => {
    server.use(
      http.get(similarUrl, () =>
        HttpResponse.json({
          ref: 'aicomponent:default/gpt-4o-chat',
          items: [],
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText('No similar components yet.'),
    ).toBeInTheDocument();
  });

  it('shows a refusal in the card', async () => {
    server.use(
      http.get(similarUrl, () =>
        HttpResponse.json(errorBody(403, 'NotAllowedError', 'Unauthorized'), {
          status: 403,
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText('You may not see recommendations.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Same type' }),
    ).toBeInTheDocument();
  });

  it("shows the server's message when the API fails", async () => {
    server.use(
      http.get(similarUrl, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', "No component 'default/gpt-4o-chat'"),
          { status: 404 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(
        "Recommendations are unavailable: No component 'default/gpt-4o-chat'",
      ),
    ).toBeInTheDocument();
  });
});

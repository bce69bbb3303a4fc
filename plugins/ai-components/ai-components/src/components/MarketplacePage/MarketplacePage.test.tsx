import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  facetsFixture,
  renderPage,
  summaryFixture,
  errorBody,
  RECOMMENDATIONS_URL,
  TEST_BASE_URL,
} from '../../__testUtils__';
import { MarketplacePage } from './MarketplacePage';

// Rendering the whole page in jsdom is slow when suites run in parallel.
jest.setTimeout(30_000);

describe('MarketplacePage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let requests: URL[];
  beforeEach(() => {
    requests = [];
    server.use(
      http.get(`${TEST_BASE_URL}/facets`, () =>
        HttpResponse.json(facetsFixture()),
      ),
      http.get(`${TEST_BASE_URL}/components`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        if (url.searchParams.get('cursor') === 'page-2') {
          return HttpResponse.json({
            items: [
              summaryFixture({ name: 'second-page', title: 'Second page' }),
            ],
            totalItems: 3,
          });
        }
        return HttpResponse.json({
          items: [
            summaryFixture(),
            summaryFixture({
              name: 'gpt-chat',
              title: 'GPT chat',
              type: 'model',
              readOnly: true,
              source: 'catalog',
              sourceLocation:
                'url:https://github.com/acme/ai/blob/main/catalog-info.yaml',
            }),
          ],
          totalItems: 3,
          nextCursor: 'page-2',
        });
      }),
    );
  });

  it('lists components with the total count and a Managed in Git badge', async () => {
    await renderPage(<MarketplacePage />);
    expect(
      await screen.findByText('3 AI components in the catalog'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Uppercaser' })).toHaveAttribute(
      'href',
      '/ai-components/default/uppercaser',
    );
    expect(
      screen.getByRole('link', { name: 'Managed in Git' }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/ai/blob/main/catalog-info.yaml',
    );
    expect(
      screen.getByRole('link', { name: 'Register component' }),
    ).toBeInTheDocument();
  });

  const lastQuery = () => {
    const url = requests[requests.length - 1];
    return {
      type: url.searchParams.getAll('type'),
      owner: url.searchParams.getAll('owner'),
      tag: url.searchParams.getAll('tag'),
      lifecycle: url.searchParams.getAll('lifecycle'),
      q: url.searchParams.get('q'),
      sort: url.searchParams.get('sort'),
      order: url.searchParams.get('order'),
      cursor: url.searchParams.get('cursor'),
    };
  };

  it('asks the API for the selected facets, sort and debounced search text', async () => {
    const user = userEvent.setup();
    await renderPage(<MarketplacePage />);
    await screen.findByText('3 AI components in the catalog');
    expect(lastQuery()).toMatchObject({ type: [], sort: 'name', order: 'asc' });

    await user.click(screen.getByRole('checkbox', { name: 'Type tool' }));
    await user.click(screen.getByRole('checkbox', { name: 'Type model' }));
    await user.click(
      screen.getByRole('checkbox', { name: 'Owner group:default/team-b' }),
    );
    await user.click(screen.getByRole('checkbox', { name: 'Tag text' }));
    await user.click(
      screen.getByRole('checkbox', { name: 'Lifecycle production' }),
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Sort by' }),
      'Recently updated',
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'upper');
    await waitFor(() => expect(lastQuery().q).toBe('upper'));
    expect(lastQuery()).toEqual({
      type: ['tool', 'model'],
      owner: ['group:default/team-b'],
      tag: ['text'],
      lifecycle: ['production'],
      q: 'upper',
      sort: 'updatedAt',
      order: 'desc',
      cursor: null,
    });
    // Typing is debounced: one request for the whole word.
    expect(requests.filter(r => r.searchParams.has('q'))).toHaveLength(1);
    expect(
      await screen.findByText('3 AI components match'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Type model' }));
    await waitFor(() => expect(lastQuery().type).toEqual(['tool']));
  });

  it('loads the next page with the cursor and appends it', async () => {
    const user = userEvent.setup();
    await renderPage(<MarketplacePage />);
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByRole('link', { name: 'Second page' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Uppercaser' }),
    ).toBeInTheDocument();
    expect(lastQuery().cursor).toBe('page-2');
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('shows an empty state when nothing matches', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/components`, () =>
        HttpResponse.json({ items: [], totalItems: 0 }),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<MarketplacePage />);
    expect(await screen.findByText('No AI components yet')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Tag demo' }));
    expect(
      await screen.findByText('No AI components match'),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Clear search and filters' }),
    );
    expect(await screen.findByText('No AI components yet')).toBeInTheDocument();
  });

  it('shows the error of a failing backend', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/components`, () =>
        HttpResponse.json(
          errorBody(401, 'AuthenticationError', 'Missing credentials'),
          {
            status: 401,
          },
        ),
      ),
    );
    await renderPage(<MarketplacePage />);
    expect(
      (await screen.findAllByText(/Missing credentials/)).length,
    ).toBeGreaterThan(0);
  });

  describe('in semantic mode', () => {
    let searches: URLSearchParams[];
    beforeEach(() => {
      searches = [];
      server.use(
        http.get(`${RECOMMENDATIONS_URL}/search`, ({ request }) => {
          const params = new URL(request.url).searchParams;
          searches.push(params);
          return HttpResponse.json({
            query: params.get('q'),
            items: [
              {
                kind: 'component',
                ref: 'aicomponent:default/uppercaser',
                namespace: 'default',
                name: 'uppercaser',
                title: 'Uppercaser',
                description: 'Shouts the text back',
                type: 'tool',
                owner: 'group:default/team-a',
                tags: ['text'],
                score: 0.8,
                reasons: [
                  {
                    kind: 'similarity',
                    text: 'description similarity 0.82',
                    value: 0.82,
                  },
                ],
              },
              {
                kind: 'workflow',
                ref: 'aiworkflow:default/shouting',
                namespace: 'default',
                name: 'shouting',
                title: 'Shouting',
                owner: 'group:default/team-b',
                tags: ['text'],
                score: 0.6,
                reasons: [{ kind: 'keyword', text: 'matches "shout"' }],
              },
            ],
          });
        }),
      );
    });

    it('searches components and workflows by meaning and shows why each matched', async () => {
      const user = userEvent.setup();
      await renderPage(<MarketplacePage />);
      await screen.findByText('3 AI components in the catalog');
      await user.click(screen.getByRole('button', { name: 'Semantic' }));
      expect(screen.getByRole('button', { name: 'Semantic' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(screen.getByRole('combobox', { name: 'Sort by' })).toBeDisabled();
      await user.type(
        screen.getByRole('searchbox', { name: 'Search' }),
        'make text loud',
      );
      const list = await screen.findByRole('list', {
        name: 'Semantic search results',
      });
      expect(
        within(list).getByRole('link', { name: 'Uppercaser' }),
      ).toHaveAttribute('href', '/ai-components/default/uppercaser');
      expect(
        within(list).getByRole('link', { name: 'Shouting' }),
      ).toHaveAttribute('href', '/workflows/default/shouting');
      expect(
        within(list).getByRole('list', { name: 'Why Uppercaser' }),
      ).toHaveTextContent('description similarity 0.82');
      expect(
        within(list).getByRole('list', { name: 'Why Shouting' }),
      ).toHaveTextContent('matches "shout"');
      expect(searches.map(p => p.get('q'))).toEqual(['make text loud']);

      // Facets narrow the semantic results too: owner on the results.
      await user.click(
        screen.getByRole('checkbox', { name: 'Owner group:default/team-b' }),
      );
      await waitFor(() =>
        expect(
          screen.queryByRole('link', { name: 'Uppercaser' }),
        ).not.toBeInTheDocument(),
      );
      expect(
        screen.getByRole('link', { name: 'Shouting' }),
      ).toBeInTheDocument();
      // Type goes to the search.
      await user.click(screen.getByRole('checkbox', { name: 'Type tool' }));
      await waitFor(() =>
        expect(searches[searches.length - 1].getAll('type')).toEqual(['tool']),
      );

      // Back to keywords: the registry's list, with the same text.
      await user.click(screen.getByRole('button', { name: 'Keyword' }));
      expect(
        await screen.findByText('3 AI components match'),
      ).toBeInTheDocument();
      expect(lastQuery()).toMatchObject({
        q: 'make text loud',
        type: ['tool'],
      });
    });

    it('keeps the marketplace working when the search is unavailable', async () => {
      server.use(
        http.get(`${RECOMMENDATIONS_URL}/search`, () =>
          HttpResponse.json(
            errorBody(503, 'ServiceUnavailableError', 'index is starting'),
            { status: 503 },
          ),
        ),
      );
      const user = userEvent.setup();
      await renderPage(<MarketplacePage />);
      await screen.findByText('3 AI components in the catalog');
      await user.click(screen.getByRole('button', { name: 'Semantic' }));
      await user.type(
        screen.getByRole('searchbox', { name: 'Search' }),
        'loud',
      );
      expect(
        await screen.findByText(
          'Recommendations are unavailable: index is starting',
        ),
      ).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Keyword' }));
      expect(
        await screen.findByRole('link', { name: 'Uppercaser' }),
      ).toBeInTheDocument();
    });
  });
});

import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  errorBody,
  RECOMMENDATIONS_URL,
  renderWithApi,
  searchResultFixture,
} from '../../__testUtils__';
import { SemanticSearchResults } from './SemanticSearchResults';

const links = {
  componentLink: (r: { namespace: string; name: string }) =>
    `/ai-components/${r.namespace}/${r.name}`,
  workflowLink: (r: { namespace: string; name: string }) =>
    `/workflows/${r.namespace}/${r.name}`,
};

// Rendering in jsdom is slow when suites run in parallel.
jest.setTimeout(30_000);

describe('SemanticSearchResults', () => {
  const server = setupServer();
  registerMswTestHooks(server);

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
            searchResultFixture(),
            searchResultFixture({
              kind: 'workflow',
              name: 'support-triage',
              title: 'Support triage',
              type: undefined,
              owner: 'group:default/team-a',
              tags: ['support'],
              reasons: [
                {
                  kind: 'similarity',
                  text: 'description similarity 0.66',
                  value: 0.66,
                },
              ],
            }),
          ],
        });
      }),
    );
  });

  it('shows components and workflows with links and reasons', async () => {
    await renderWithApi(
      <SemanticSearchResults query=" summarise tickets " {...links} />,
    );
    const list = await screen.findByRole('list', {
      name: 'Semantic search results',
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      '2 results by meaning',
    );
    expect(
      within(list).getByRole('link', { name: 'Ticket summariser' }),
    ).toHaveAttribute('href', '/ai-components/default/ticket-summariser');
    expect(
      within(list).getByRole('link', { name: 'Support triage' }),
    ).toHaveAttribute('href', '/workflows/default/support-triage');
    expect(within(list).getByText('prompt')).toBeInTheDocument();
    expect(within(list).getByText('workflow')).toBeInTheDocument();
    expect(
      within(within(list).getByRole('list', { name: 'Why Ticket summariser' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['description similarity 0.71', 'matches "tickets"']);
    expect(
      within(list).getByRole('list', { name: 'Why Support triage' }),
    ).toHaveTextContent('description similarity 0.66');
    expect(searches.map(s => s.toString())).toEqual([
      'q=summarise+tickets&limit=50',
    ]);
  });

  it('passes types to the search and filters by owner and tag', async () => {
    await renderWithApi(
      <SemanticSearchResults
        query="tickets"
        types={['prompt', 'model']}
        owners={['group:default/team-a']}
        tags={['support']}
        {...links}
      />,
    );
    const list = await screen.findByRole('list', {
      name: 'Semantic search results',
    });
    expect(within(list).getAllByRole('link')).toHaveLength(1);
    expect(within(list).getByRole('link')).toHaveTextContent('Support triage');
    expect(searches[0].getAll('type')).toEqual(['model', 'prompt']);
  });

  it('searches nothing without words', async () => {
    await renderWithApi(<SemanticSearchResults query="  " {...links} />);
    expect(
      await screen.findByText(/Describe what you need/),
    ).toBeInTheDocument();
    expect(searches).toHaveLength(0);
  });

  it('shows a refusal where the results would be', async () => {
    server.use(
      http.get(`${RECOMMENDATIONS_URL}/search`, () =>
        HttpResponse.json(errorBody(403, 'NotAllowedError', 'Unauthorized'), {
          status: 403,
        }),
      ),
    );
    await renderWithApi(<SemanticSearchResults query="tickets" {...links} />);
    expect(
      await screen.findByText('You may not see recommendations.'),
    ).toBeInTheDocument();
  });
});

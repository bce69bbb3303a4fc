import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  errorBody,
  renderPage,
  summaryFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { WorkflowListPage } from './WorkflowListPage';

jest.setTimeout(30_000);

describe('WorkflowListPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let requests: URL[];
  beforeEach(() => {
    requests = [];
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        if (url.searchParams.get('cursor') === 'page-2') {
          return HttpResponse.json({
            items: [summaryFixture({ name: 'second', title: 'Second page' })],
            totalItems: 3,
          });
        }
        return HttpResponse.json({
          items: [
            summaryFixture(),
            summaryFixture({
              name: 'from-git',
              title: 'From Git',
              source: 'catalog',
              labels: {},
              latestVersion: 1,
              stepCount: 4,
            }),
          ],
          totalItems: 3,
          nextCursor: 'page-2',
        });
      }),
    );
  });

  const lastQuery = () => {
    const url = requests[requests.length - 1];
    return {
      q: url.searchParams.get('q'),
      owner: url.searchParams.getAll('owner'),
      lifecycle: url.searchParams.getAll('lifecycle'),
      tag: url.searchParams.getAll('tag'),
      label: url.searchParams.get('label'),
      source: url.searchParams.getAll('source'),
      cursor: url.searchParams.get('cursor'),
    };
  };

  it('lists workflows with their labels, version and steps', async () => {
    await renderPage(<WorkflowListPage />);
    expect(await screen.findByText('3 workflows')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Workflows' });
    const link = within(table).getByRole('link', { name: 'Support triage' });
    expect(link).toHaveAttribute('href', '/workflows/default/support-triage');
    const row = link.closest('tr')!;
    expect(within(row).getByText('production: v1')).toBeInTheDocument();
    expect(within(row).getByText('v2')).toBeInTheDocument();
    expect(within(row).getByText('experimental')).toBeInTheDocument();
    const gitRow = within(table)
      .getByRole('link', { name: 'From Git' })
      .closest('tr')!;
    expect(within(gitRow).getByText(/defined in Git/)).toBeInTheDocument();
    expect(within(gitRow).getByText('4')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New workflow' })).toHaveAttribute(
      'href',
      '/workflows/new',
    );
  });

  it('asks for the search text and filters, debounced', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowListPage />);
    await screen.findByText('3 workflows');
    await user.type(
      screen.getByRole('textbox', { name: 'Owner' }),
      'group:default/team-a, user:default/bob',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Lifecycle' }),
      'production',
    );
    await user.type(screen.getByRole('textbox', { name: 'Tag' }), 'support');
    await user.type(
      screen.getByRole('textbox', { name: 'Label' }),
      'production',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Defined in' }),
      'catalog',
    );
    await user.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'triage',
    );
    await waitFor(() => expect(lastQuery().q).toBe('triage'));
    expect(lastQuery()).toEqual({
      q: 'triage',
      owner: ['group:default/team-a', 'user:default/bob'],
      lifecycle: ['production'],
      tag: ['support'],
      label: 'production',
      source: ['catalog'],
      cursor: null,
    });
    expect(requests.filter(r => r.searchParams.has('q'))).toHaveLength(1);
    expect(await screen.findByText('3 workflows match')).toBeInTheDocument();
  });

  it('loads the next page by cursor', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowListPage />);
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByRole('link', { name: 'Second page' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Support triage' }),
    ).toBeInTheDocument();
    expect(lastQuery().cursor).toBe('page-2');
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it("imports YAML and shows the server's message when it is refused", async () => {
    let sent: unknown;
    server.use(
      http.post(`${WORKFLOWS_URL}/import`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          errorBody(
            400,
            'InputError',
            "step 'b' needs[0]: needs unknown step 'x'",
          ),
          { status: 400 },
        );
      }),
    );
    const user = userEvent.setup();
    await renderPage(<WorkflowListPage />);
    await user.click(
      await screen.findByRole('button', { name: 'Import YAML' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Import a workflow from YAML',
    });
    const file = new File(['kind: AIWorkflow\n'], 'flow.yaml', {
      type: 'application/yaml',
    });
    await user.upload(within(dialog).getByLabelText('YAML file'), file);
    expect(await within(dialog).findByText('flow.yaml')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: 'YAML to import' }),
    ).toHaveValue('kind: AIWorkflow\n');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(
      await within(dialog).findByText(
        "step 'b' needs[0]: needs unknown step 'x'",
      ),
    ).toBeInTheDocument();
    expect(sent).toEqual({ yaml: 'kind: AIWorkflow\n' });
  });

  it('shows the error of a failing backend', async () => {
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows`, () =>
        HttpResponse.json(
          errorBody(401, 'AuthenticationError', 'Missing credentials'),
          {
            status: 401,
          },
        ),
      ),
    );
    await renderPage(<WorkflowListPage />);
    expect(
      (await screen.findAllByText(/Missing credentials/)).length,
    ).toBeGreaterThan(0);
  });
});

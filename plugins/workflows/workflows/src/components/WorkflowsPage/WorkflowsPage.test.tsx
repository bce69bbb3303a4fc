import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentSummaryFixture,
  COMPONENTS_URL,
  labelEventsFixture,
  RECOMMENDATIONS_URL,
  renderPage,
  summaryFixture,
  versionsFixture,
  workflowFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { WorkflowsPage } from './WorkflowsPage';

jest.setTimeout(30_000);

describe('WorkflowsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let created: any[];
  beforeEach(() => {
    created = [];
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows`, () =>
        HttpResponse.json({ items: [summaryFixture()], totalItems: 1 }),
      ),
      http.get(`${COMPONENTS_URL}/components`, () =>
        HttpResponse.json({
          items: [componentSummaryFixture()],
          totalItems: 1,
        }),
      ),
      http.get(`${COMPONENTS_URL}/components/default/:name`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'none' } },
          { status: 404 },
        ),
      ),
      http.post(`${WORKFLOWS_URL}/validate`, () =>
        HttpResponse.json({ valid: true, issues: [] }),
      ),
      http.post(`${RECOMMENDATIONS_URL}/next-steps`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.post(`${WORKFLOWS_URL}/workflows`, async ({ request }) => {
        const body: any = await request.json();
        created.push(body);
        return HttpResponse.json(
          workflowFixture({
            name: body.document.metadata.name,
            latestVersion: 1,
            document: body.document,
          }),
          { status: 201 },
        );
      }),
      http.get(`${WORKFLOWS_URL}/workflows/default/:name`, ({ params }) =>
        HttpResponse.json(
          params.name === 'from-git'
            ? workflowFixture({
                name: 'from-git',
                title: 'From Git',
                source: 'catalog',
                sourceLocation:
                  'url:https://github.com/acme/flows/blob/main/catalog-info.yaml',
              })
            : workflowFixture({ name: String(params.name) }),
        ),
      ),
      http.get(`${WORKFLOWS_URL}/workflows/default/:name/versions`, () =>
        HttpResponse.json({ items: versionsFixture() }),
      ),
      http.get(`${WORKFLOWS_URL}/workflows/default/:name/labels`, () =>
        HttpResponse.json({ items: labelEventsFixture() }),
      ),
    );
  });

  it('opens a workflow from the list', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />);
    await user.click(
      await screen.findByRole('link', { name: 'Support triage' }),
    );
    expect(await screen.findByTestId('step-node-classify')).toBeInTheDocument();
    expect(screen.getByText('production: v1')).toBeInTheDocument();
  });

  it('creates a workflow and opens it', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />);
    await user.click(await screen.findByRole('link', { name: 'New workflow' }));
    expect(
      await screen.findByRole('heading', { name: 'New workflow' }),
    ).toBeInTheDocument();
    // The form renders once the signed-in identity (the default owner) is known.
    await user.type(
      await screen.findByRole('textbox', { name: /^Name/ }),
      'my-flow',
    );
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Owner/ })).toHaveValue(
        'user:default/alice',
      ),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Add gpt-4o-mini-chat' }),
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByTestId('save-status')).toHaveTextContent(
      'Created version 1',
    );
    expect(created).toHaveLength(1);
    expect(created[0].document).toMatchObject({
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIWorkflow',
      metadata: { name: 'my-flow', namespace: 'default' },
      spec: {
        owner: 'user:default/alice',
        lifecycle: 'experimental',
        steps: [
          {
            id: 'gpt_4o_mini_chat',
            component: 'aicomponent:default/gpt-4o-mini-chat',
            position: { x: 0, y: 0 },
          },
        ],
      },
    });
    expect(screen.getByRole('tab', { name: 'Versions' })).toBeInTheDocument();
  });

  it('shows a workflow defined in Git read-only', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/from-git',
    });
    expect(await screen.findByTestId('read-only-banner')).toHaveTextContent(
      'Defined in Git at url:https://github.com/acme/flows/blob/main/catalog-info.yaml',
    );
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Palette' }),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('step-node-classify'));
    expect(screen.getByRole('textbox', { name: 'Timeout' })).toHaveAttribute(
      'readonly',
    );
    expect(
      screen.queryByRole('button', { name: 'Delete step' }),
    ).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(
      screen.getByRole('textbox', { name: 'Workflow YAML' }),
    ).toHaveAttribute('readonly');
    await user.click(screen.getByRole('tab', { name: 'Versions' }));
    const table = await screen.findByRole('table', { name: 'Versions' });
    expect(
      within(table).queryByRole('button', { name: /^Restore/ }),
    ).not.toBeInTheDocument();
  });

  it('shows not found for other paths', async () => {
    await renderPage(<WorkflowsPage />, { path: '/workflows/a/b/c' });
    expect(await screen.findByText(/not found/i)).toBeInTheDocument();
  });
});

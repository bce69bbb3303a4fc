import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  COMPONENTS_URL,
  EXECUTIONS_URL,
  renderPage,
  scheduleTriggerFixture,
  workflowFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { WorkflowPage } from './WorkflowPage';

// In a file of its own: usePermission caches decisions for the whole file.
describe('WorkflowPage without the update permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the workflow read-only, without asking the server to validate', async () => {
    let validations = 0;
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows/default/support-triage`, () =>
        HttpResponse.json(workflowFixture()),
      ),
      http.get(`${COMPONENTS_URL}/components/default/:name`, () =>
        HttpResponse.json(componentFixture()),
      ),
      http.post(`${WORKFLOWS_URL}/validate`, () => {
        validations++;
        return HttpResponse.json({ valid: true, issues: [] });
      }),
    );
    await renderPage(
      <WorkflowPage
        workflowKey={{ namespace: 'default', name: 'support-triage' }}
      />,
      { deny: ['workflows.workflow.update'] },
    );
    expect(await screen.findByTestId('read-only-banner')).toHaveTextContent(
      'You may view this workflow but not change it.',
    );
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('step-node-prompt'));
    expect(
      screen.getByRole('textbox', { name: 'Value of text' }),
    ).toHaveAttribute('readonly');
    // The schema of the component arrives: its inputs are listed, read-only too.
    expect(
      await screen.findByRole('textbox', { name: 'Value of messages' }),
    ).toHaveAttribute('readonly');
    await new Promise(resolve => setTimeout(resolve, 800));
    expect(validations).toBe(0);
  });

  it('lists the triggers without the controls that change them', async () => {
    server.use(
      http.get(`${WORKFLOWS_URL}/workflows/default/support-triage`, () =>
        HttpResponse.json(workflowFixture()),
      ),
      http.get(`${COMPONENTS_URL}/components/default/:name`, () =>
        HttpResponse.json(componentFixture()),
      ),
      http.get(
        `${WORKFLOWS_URL}/workflows/default/support-triage/triggers`,
        () => HttpResponse.json({ items: [scheduleTriggerFixture()] }),
      ),
      // What the trigger last started and when it fires next.
      http.get(`${EXECUTIONS_URL}/executions`, () =>
        HttpResponse.json({ items: [], totalItems: 0 }),
      ),
      http.get(`${EXECUTIONS_URL}/triggers/:id/schedule`, ({ params }) =>
        HttpResponse.json({
          triggerId: params.id,
          scheduleId: `ai-ops-trigger-${params.id}`,
          paused: true,
          nextFireTimes: [],
        }),
      ),
    );
    await renderPage(
      <WorkflowPage
        workflowKey={{ namespace: 'default', name: 'support-triage' }}
      />,
      { deny: ['workflows.workflow.update'] },
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'Triggers' }));
    const table = await screen.findByRole('table', { name: 'Triggers' });
    expect(within(table).getByText('0 9 * * 1-5')).toBeInTheDocument();
    // Reading them needs no update permission.
    expect(await within(table).findByText('Never')).toBeInTheDocument();
    expect(await within(table).findByText('Paused')).toBeInTheDocument();
    expect(within(table).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add trigger' }),
    ).not.toBeInTheDocument();
  });
});

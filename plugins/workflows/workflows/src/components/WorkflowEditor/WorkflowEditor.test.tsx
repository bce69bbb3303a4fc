import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  componentSummaryFixture,
  COMPONENTS_URL,
  documentFixture,
  errorBody,
  renderPage,
  workflowFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { WorkflowsPage } from '../WorkflowsPage';

jest.setTimeout(30_000);

const workflowUrl = `${WORKFLOWS_URL}/workflows/default/support-triage`;
/** Selects a node (a click; user-event's pointer events lack the view React Flow's drag reads). */
const selectNode = async (id: string) =>
  fireEvent.click(await screen.findByTestId(`step-node-${id}`));
const yamlOf = () =>
  (
    screen.getByRole('textbox', {
      name: 'Workflow YAML',
    }) as HTMLTextAreaElement
  ).value;

describe('WorkflowEditor', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let validated: any[];
  let saved: any[];
  beforeEach(() => {
    validated = [];
    saved = [];
    server.use(
      http.get(`${COMPONENTS_URL}/components`, () =>
        HttpResponse.json({
          items: [
            componentSummaryFixture(),
            componentSummaryFixture({
              name: 'ticket-classifier-prompt',
              title: 'Ticket classifier prompt',
              type: 'prompt',
            }),
          ],
          totalItems: 2,
        }),
      ),
      http.get(`${COMPONENTS_URL}/components/default/:name`, () =>
        HttpResponse.json(componentFixture()),
      ),
      http.post(`${WORKFLOWS_URL}/validate`, async ({ request }) => {
        const body: any = await request.json();
        validated.push(body.document);
        return HttpResponse.json({ valid: true, issues: [] });
      }),
      http.get(workflowUrl, () => HttpResponse.json(workflowFixture())),
      http.put(workflowUrl, async ({ request }) => {
        const body: any = await request.json();
        saved.push(body);
        return HttpResponse.json({
          workflow: workflowFixture({
            latestVersion: 3,
            document: body.document,
          }),
          changed: true,
        });
      }),
    );
  });

  it('adds steps from the palette with unique ids and shows them in YAML', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, { path: '/workflows/new' });
    await user.click(
      await screen.findByRole('button', { name: 'Add gpt-4o-mini-chat' }),
    );
    await user.click(
      screen.getByRole('button', { name: 'Add gpt-4o-mini-chat' }),
    );
    await user.click(screen.getByRole('button', { name: 'Add approval step' }));
    expect(
      screen.getByTestId('step-node-gpt_4o_mini_chat'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('step-node-gpt_4o_mini_chat_2'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('step-node-approval')).toHaveTextContent(
      'approval',
    );

    // The added step is selected; its inputs come from the component's schema.
    await selectNode('gpt_4o_mini_chat');
    const panel = screen.getByRole('region', { name: 'Step gpt_4o_mini_chat' });
    expect(
      await within(panel).findByRole('textbox', { name: 'Value of messages' }),
    ).toBeInTheDocument();
    expect(within(panel).getByLabelText('required')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(yamlOf()).toContain('- id: gpt_4o_mini_chat\n');
    expect(yamlOf()).toContain('- id: gpt_4o_mini_chat_2\n');
    expect(yamlOf()).toContain(
      'component: aicomponent:default/gpt-4o-mini-chat',
    );
    expect(yamlOf()).toContain('approval:\n        timeout: 1d');
  });

  it('shows the JSONata error of a field as it is typed', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    await selectNode('classify');
    const condition = await screen.findByRole('textbox', { name: 'If' });
    await user.click(condition);
    await user.paste('${{ input.urgent = }}');
    const alert = await screen.findByText(/^JSONata error at position \d+: /);
    expect(alert).toBeInTheDocument();
    expect(condition).toHaveAttribute('aria-invalid', 'true');
    await user.clear(condition);
    await user.paste('${{ input.urgent = true }}');
    expect(screen.queryByText(/^JSONata error/)).not.toBeInTheDocument();
  });

  it('keeps unsaved edits from Graph to YAML and back, and stays on broken YAML', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    const title = await screen.findByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Triage v2');
    expect(screen.getByTestId('unsaved-changes')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(yamlOf()).toContain('title: Triage v2');
    const yaml = screen.getByRole('textbox', { name: 'Workflow YAML' });
    fireEvent.change(yaml, {
      target: {
        value: yamlOf().replace('title: Triage v2', 'title: From YAML'),
      },
    });
    await user.click(screen.getByRole('tab', { name: 'Graph' }));
    expect(await screen.findByRole('textbox', { name: 'Title' })).toHaveValue(
      'From YAML',
    );

    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Workflow YAML' }), {
      target: { value: 'spec:\n  steps: [\n' },
    });
    expect(screen.getByTestId('yaml-error')).toHaveTextContent(
      /YAML line \d+, column \d+/,
    );
    await user.click(screen.getByRole('tab', { name: 'Graph' }));
    expect(screen.getByRole('tab', { name: 'YAML' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      screen.getByText('Fix the YAML before leaving this view.'),
    ).toBeInTheDocument();
  });

  it("marks the node of a step with the server's issues", async () => {
    server.use(
      http.post(`${WORKFLOWS_URL}/validate`, () =>
        HttpResponse.json({
          valid: false,
          issues: [
            {
              severity: 'error',
              code: 'missing-input',
              path: 'spec.steps[1].with.temperature',
              stepId: 'classify',
              field: 'with.temperature',
              message:
                "step 'classify' with.temperature: required by the input schema of 'aicomponent:default/gpt-4o-mini-chat' but not mapped",
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    const badge = await screen.findByTestId('step-issues-classify');
    expect(badge).toHaveTextContent('1 issue');
    expect(screen.getByTestId('step-node-classify')).toHaveAttribute(
      'data-invalid',
      'true',
    );
    expect(screen.getByTestId('step-node-prompt')).toHaveAttribute(
      'data-invalid',
      'false',
    );
    await user.hover(badge);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /with.temperature: required by the input schema/,
    );
    const list = screen.getByRole('region', { name: 'Validation issues' });
    expect(
      within(list).getByText(/with.temperature: required/),
    ).toBeInTheDocument();
  });

  it('saves the document with a change message as a new version', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    await selectNode('classify');
    await user.type(
      await screen.findByRole('textbox', { name: 'Timeout' }),
      '90s',
    );
    await user.type(
      screen.getByRole('textbox', { name: 'Change message' }),
      'Longer timeout',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('save-status')).toHaveTextContent(
      'Saved version 3',
    );
    expect(saved).toHaveLength(1);
    expect(saved[0].message).toBe('Longer timeout');
    const expected = documentFixture();
    expected.spec.steps[1].timeout = '90s';
    expect(saved[0].document).toEqual(expected);
    expect(screen.queryByTestId('unsaved-changes')).not.toBeInTheDocument();
    await waitFor(() => expect(validated.length).toBeGreaterThan(0));
  });

  it("shows the server's message when it refuses a save", async () => {
    server.use(
      http.put(workflowUrl, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            "step 'classify' timeout: must be a duration",
          ),
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('save-error')).toHaveTextContent(
      "Not saved: step 'classify' timeout: must be a duration",
    );
  });
});

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
  RECOMMENDATIONS_URL,
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
  let suggested: any[];
  beforeEach(() => {
    validated = [];
    saved = [];
    suggested = [];
    server.use(
      http.post(`${RECOMMENDATIONS_URL}/next-steps`, async ({ request }) => {
        const body: any = await request.json();
        suggested.push(body);
        return HttpResponse.json({
          stepId: body.stepId,
          items:
            body.stepId === 'classify'
              ? [
                  {
                    ref: 'aicomponent:default/toxicity-evaluator',
                    namespace: 'default',
                    name: 'toxicity-evaluator',
                    title: 'Toxicity evaluator',
                    type: 'evaluator',
                    tags: [],
                    score: 0.9,
                    reasons: [
                      {
                        kind: 'co-usage',
                        text: 'follows gpt-4o-mini-chat in 37 successful runs',
                        value: 37,
                      },
                    ],
                  },
                ]
              : [],
        });
      }),
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

  it('suggests next steps for the selected step, with reasons, and adds one after it', async () => {
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    await selectNode('classify');
    const palette = screen.getByRole('region', { name: 'Palette' });
    const list = await within(palette).findByRole('list', {
      name: 'Suggested next steps',
    });
    expect(
      within(list).getByRole('list', { name: 'Why Toxicity evaluator' }),
    ).toHaveTextContent('follows gpt-4o-mini-chat in 37 successful runs');
    expect(suggested[0]).toEqual({
      document: {
        spec: {
          steps: [
            {
              id: 'prompt',
              component: 'aicomponent:default/ticket-classifier-prompt',
            },
            {
              id: 'classify',
              component: 'aicomponent:default/gpt-4o-mini-chat',
              needs: ['prompt'],
            },
          ],
        },
      },
      stepId: 'classify',
    });

    await user.click(
      within(list).getByRole('button', {
        name: 'Add toxicity-evaluator after classify',
      }),
    );
    expect(
      await screen.findByTestId('step-node-toxicity_evaluator'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Step toxicity_evaluator' }),
    ).toBeInTheDocument();
    // The new step is selected, so suggestions now follow it.
    await waitFor(() =>
      expect(suggested[suggested.length - 1].stepId).toBe('toxicity_evaluator'),
    );

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByTestId('save-status');
    const added = saved[0].document.spec.steps[2];
    expect(added).toMatchObject({
      id: 'toxicity_evaluator',
      component: 'aicomponent:default/toxicity-evaluator',
      needs: ['classify'],
    });
    expect(added.position.y).toBeGreaterThan(0);
  });

  it('adds a suggested step dragged onto the graph after the selected one', async () => {
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    await selectNode('classify');
    const list = await screen.findByRole('list', {
      name: 'Suggested next steps',
    });
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()];
      },
      effectAllowed: 'none',
      dropEffect: 'none',
    };
    fireEvent.dragStart(within(list).getAllByRole('listitem')[0], {
      dataTransfer,
    });
    const graph = screen.getByTestId('workflow-graph');
    fireEvent.dragOver(graph, { dataTransfer, clientX: 300, clientY: 400 });
    fireEvent.drop(graph, { dataTransfer, clientX: 300, clientY: 400 });
    expect(
      await screen.findByTestId('step-node-toxicity_evaluator'),
    ).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(yamlOf()).toMatch(
      /- id: toxicity_evaluator\n\s+component: aicomponent:default\/toxicity-evaluator\n\s+needs:\n\s+- classify\n/,
    );
  });

  it('keeps the editor working when suggestions are unavailable', async () => {
    server.use(
      http.post(`${RECOMMENDATIONS_URL}/next-steps`, () =>
        HttpResponse.json(errorBody(403, 'NotAllowedError', 'Unauthorized'), {
          status: 403,
        }),
      ),
    );
    const user = userEvent.setup();
    await renderPage(<WorkflowsPage />, {
      path: '/workflows/default/support-triage',
    });
    await selectNode('classify');
    expect(
      await screen.findByText('You may not see recommendations.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add approval step' }));
    expect(screen.getByTestId('step-node-approval')).toBeInTheDocument();
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

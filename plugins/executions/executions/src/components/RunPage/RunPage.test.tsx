import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { executionSignalChannel } from '@ai-ops/plugin-executions-common';
import {
  EXECUTIONS_URL,
  executionFixture,
  renderPage,
  stepData,
  stepSignal,
  storedEvent,
  useSignalsServer,
  versionFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { RunPage } from './RunPage';

const CHANNEL = executionSignalChannel('run-1');

/** The history of run-1: started, prompt ran and succeeded. */
const history = () => [
  storedEvent(1, 'ai-ops.execution.queued.v1', { status: 'queued' }),
  storedEvent(2, 'ai-ops.execution.started.v1', { status: 'running' }),
  storedEvent(3, 'ai-ops.step.started.v1', stepData('prompt', 'running')),
  storedEvent(
    4,
    'ai-ops.step.succeeded.v1',
    stepData('prompt', 'succeeded', { latencyMs: 12, costUsd: 0 }),
  ),
];

describe('RunPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);
  let eventRequests: URL[];
  let events: ReturnType<typeof history>;

  beforeEach(() => {
    signals.listen();
    eventRequests = [];
    events = history();
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1`, () =>
        HttpResponse.json(executionFixture()),
      ),
      http.get(`${EXECUTIONS_URL}/executions/run-1/events`, ({ request }) => {
        const url = new URL(request.url);
        eventRequests.push(url);
        const after = Number(url.searchParams.get('after') ?? 0);
        return HttpResponse.json({
          items: events.filter(e => e.sequence > after),
        });
      }),
      http.get(
        `${WORKFLOWS_URL}/workflows/default/support-triage/versions/2`,
        () => HttpResponse.json(versionFixture()),
      ),
    );
  });

  it('draws the version in its layout and shows the state its events left', async () => {
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    const prompt = await screen.findByTestId('run-step-prompt');
    await waitFor(() =>
      expect(prompt).toHaveAttribute('data-status', 'succeeded'),
    );
    expect(screen.getByTestId('run-step-classify')).toHaveAttribute(
      'data-status',
      'pending',
    );
    expect(screen.getByTestId('run-step-review')).toHaveAttribute(
      'data-status',
      'pending',
    );
    // Positions come from the definition, edges from `needs`.
    const node = (id: string) =>
      document.querySelector(
        `.react-flow__node[data-id="${id}"]`,
      ) as HTMLElement;
    expect(node('classify').style.transform).toBe('translate(0px,150px)');
    expect(node('review').style.transform).toBe('translate(0px,300px)');
    expect(
      screen.getByTestId('rf__edge-needs:prompt->classify'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('rf__edge-needs:classify->review'),
    ).toBeInTheDocument();
    expect(eventRequests[0].searchParams.get('after')).toBe('0');
    expect(screen.getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
  });

  it('changes step states as signals arrive, ignores repeats and fetches what a gap missed', async () => {
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    const classify = await screen.findByTestId('run-step-classify');
    await waitFor(() =>
      expect(screen.getByTestId('run-step-prompt')).toHaveAttribute(
        'data-status',
        'succeeded',
      ),
    );
    await signals.subscribed(CHANNEL);

    act(() => signals.push(CHANNEL, stepSignal(5, 'classify', 'running')));
    await waitFor(() =>
      expect(classify).toHaveAttribute('data-status', 'running'),
    );
    const row = screen.getByTestId('timeline-row-classify');
    expect(within(row).getByTestId('step-status-classify')).toHaveAttribute(
      'data-status',
      'running',
    );

    act(() => signals.push(CHANNEL, stepSignal(6, 'classify', 'succeeded')));
    await waitFor(() =>
      expect(classify).toHaveAttribute('data-status', 'succeeded'),
    );
    // The same event again, and an older one: nothing changes.
    act(() => signals.push(CHANNEL, stepSignal(6, 'classify', 'succeeded')));
    act(() => signals.push(CHANNEL, stepSignal(5, 'classify', 'running')));
    expect(classify).toHaveAttribute('data-status', 'succeeded');

    // Event 7 is lost on the way; 8 arrives: the page fetches from 6 on.
    events.push(
      storedEvent(7, 'ai-ops.approval.requested.v1', {
        stepId: 'review',
        kind: 'approval',
        requestedAt: '2026-11-25T10:00:07.000Z',
      }),
      storedEvent(
        8,
        'ai-ops.step.started.v1',
        stepData('review', 'waiting', { attempt: 0 }),
      ),
    );
    const before = eventRequests.length;
    act(() =>
      signals.push(CHANNEL, {
        ...stepSignal(8, 'review', 'running'),
        type: 'ai-ops.step.started.v1',
        step: { stepId: 'review', iteration: 0, attempt: 0, status: 'waiting' },
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('run-step-review')).toHaveAttribute(
        'data-status',
        'waiting',
      ),
    );
    expect(eventRequests.length).toBe(before + 1);
    expect(eventRequests[before].searchParams.get('after')).toBe('6');
  });

  it('opens a step in the drawer with its masked input, output, logs, attempts and scores', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1/steps/prompt`, () =>
        HttpResponse.json({
          executionId: 'run-1',
          stepId: 'prompt',
          componentRef: 'aicomponent:default/ticket-classifier-prompt',
          status: 'succeeded',
          iterationCount: 1,
          costUsd: 0.0042,
          tokens: { inputTokens: 120, outputTokens: 30 },
          iterations: [
            {
              iteration: 0,
              status: 'succeeded',
              costUsd: 0.0042,
              tokens: { inputTokens: 120, outputTokens: 30 },
              attempts: [
                {
                  executionId: 'run-1',
                  stepId: 'prompt',
                  iteration: 0,
                  attempt: 1,
                  status: 'failed',
                  costUsd: 0,
                  tokens: { inputTokens: 0, outputTokens: 0 },
                  startedAt: '2026-11-25T10:00:03.000Z',
                  latencyMs: 30000,
                  error: { code: 'Timeout', message: 'no answer in 30s' },
                  input: { text: 'hi', apiKey: '********' },
                  logs: [],
                  scores: [],
                  maskedPaths: ['input.apiKey'],
                },
                {
                  executionId: 'run-1',
                  stepId: 'prompt',
                  iteration: 0,
                  attempt: 2,
                  status: 'succeeded',
                  costUsd: 0.0042,
                  tokens: { inputTokens: 120, outputTokens: 30 },
                  startedAt: '2026-11-25T10:00:34.000Z',
                  latencyMs: 950,
                  model: 'gpt-4o-mini',
                  input: { text: 'hi', apiKey: '********' },
                  output: { messages: [{ role: 'user', content: 'hi' }] },
                  logs: [
                    {
                      time: '2026-11-25T10:00:34.500Z',
                      level: 'info',
                      message: 'rendered template',
                    },
                  ],
                  scores: [
                    { name: 'label-exact-match', score: 1, passed: true },
                  ],
                  maskedPaths: ['input.apiKey'],
                },
              ],
            },
          ],
        }),
      ),
    );
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Open step prompt' }),
    );
    const drawer = await screen.findByRole('region', { name: 'Step prompt' });
    const second = await within(drawer).findByRole('region', {
      name: 'Attempt 2 of iteration 0',
    });
    expect(within(second).getByLabelText('Input')).toHaveTextContent(
      '"apiKey": "********"',
    );
    expect(within(second).getByLabelText('Output')).toHaveTextContent(
      '"content": "hi"',
    );
    expect(within(second).getByLabelText('Logs')).toHaveTextContent(
      'INFO rendered template',
    );
    expect(
      within(second).getByText('label-exact-match: 1.00'),
    ).toBeInTheDocument();
    expect(
      within(second).getByText(/950 ms · gpt-4o-mini/),
    ).toBeInTheDocument();
    expect(
      within(second).getByText('Masked: input.apiKey'),
    ).toBeInTheDocument();
    const first = within(drawer).getByRole('region', {
      name: 'Attempt 1 of iteration 0',
    });
    expect(within(first).getByRole('alert')).toHaveTextContent(
      'Timeout: no answer in 30s',
    );
    expect(
      within(drawer).getByRole('link', {
        name: 'Metrics of aicomponent:default/ticket-classifier-prompt',
      }),
    ).toHaveAttribute(
      'href',
      '/executions/metrics/components/default/ticket-classifier-prompt',
    );
  });

  it('approves the step a paused run waits on, with a comment', async () => {
    const decisions: unknown[] = [];
    events.push(
      storedEvent(5, 'ai-ops.execution.paused.v1', {
        status: 'paused',
        reason: 'approval',
        stepId: 'review',
      }),
      storedEvent(6, 'ai-ops.approval.requested.v1', {
        stepId: 'review',
        kind: 'approval',
        message: 'Publish?',
        requestedAt: '2026-11-25T10:00:07.000Z',
      }),
    );
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1`, () =>
        HttpResponse.json(
          executionFixture({
            status: 'paused',
            pendingApproval: {
              stepId: 'review',
              kind: 'approval',
              message: 'Publish?',
              approvers: { owners: true, groups: [], roles: [] },
              requestedAt: '2026-11-25T10:00:07.000Z',
            },
          }),
        ),
      ),
      http.post(
        `${EXECUTIONS_URL}/executions/run-1/approvals`,
        async ({ request }) => {
          decisions.push(await request.json());
          return HttpResponse.json({
            id: 'run-1',
            stepId: 'review',
            decision: 'approve',
            decidedBy: 'user:default/alice',
          });
        },
      ),
    );
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    await waitFor(() =>
      expect(screen.getByTestId('run-step-review')).toHaveAttribute(
        'data-status',
        'waiting',
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Publish?')).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'looks right',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(decisions).toEqual([
        { stepId: 'review', decision: 'approve', comment: 'looks right' },
      ]),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: 'Cancel run' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Resume' }),
    ).not.toBeInTheDocument();
  });

  it('pins a finished run against the retention policy, and unpins it', async () => {
    const pins: string[] = [];
    let pinned = false;
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1`, () =>
        HttpResponse.json(
          executionFixture({
            status: 'succeeded',
            finishedAt: '2026-11-25T10:01:00.000Z',
            pinned,
          }),
        ),
      ),
      http.post(`${EXECUTIONS_URL}/executions/run-1/pin`, () => {
        pins.push('pin');
        pinned = true;
        return HttpResponse.json({ id: 'run-1', pinned: true });
      }),
      http.delete(`${EXECUTIONS_URL}/executions/run-1/pin`, () => {
        pins.push('unpin');
        pinned = false;
        return HttpResponse.json({ id: 'run-1', pinned: false });
      }),
    );
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Pin' }));
    expect(await screen.findByTestId('run-pinned')).toHaveTextContent(
      'Pinned: kept',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Unpin' }));
    await waitFor(() =>
      expect(screen.queryByTestId('run-pinned')).not.toBeInTheDocument(),
    );
    expect(pins).toEqual(['pin', 'unpin']);
    // The workflow's metrics stay one click away from the run.
    expect(screen.getByRole('link', { name: 'metrics' })).toHaveAttribute(
      'href',
      '/executions/metrics/workflows/default/support-triage',
    );
  });

  it('re-runs a failed run from a chosen step with an edited input', async () => {
    const reruns: unknown[] = [];
    events.push(
      storedEvent(5, 'ai-ops.execution.failed.v1', {
        status: 'failed',
        error: {
          code: 'Timeout',
          message: 'classify timed out',
          stepId: 'classify',
        },
      }),
    );
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1`, () =>
        HttpResponse.json(
          executionFixture({
            status: 'failed',
            finishedAt: '2026-11-25T10:01:00.000Z',
            error: {
              code: 'Timeout',
              message: 'classify timed out',
              stepId: 'classify',
            },
          }),
        ),
      ),
      http.post(
        `${EXECUTIONS_URL}/executions/run-1/rerun`,
        async ({ request }) => {
          reruns.push({
            body: await request.json(),
            key: request.headers.get('Idempotency-Key'),
          });
          return HttpResponse.json(
            { id: 'run-2', status: 'queued' },
            { status: 202 },
          );
        },
      ),
    );
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    expect(
      await screen.findByText('Step classify: classify timed out'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Re-run from step…' }),
    );
    const dialog = await screen.findByRole('dialog');
    const input = within(dialog).getByRole('textbox', { name: 'Input (JSON)' });
    // What the run's version takes (version 2 has no input schema).
    expect(
      within(dialog).getByText('Its input schema accepts any JSON.'),
    ).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, '{{"text": "edited"}');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Re-run' }),
    );
    await waitFor(() => expect(reruns).toHaveLength(1));
    expect(reruns[0]).toMatchObject({
      body: { fromStepId: 'classify', input: { text: 'edited' } },
      key: expect.any(String),
    });
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { EXECUTIONS_LIST_SIGNAL_CHANNEL } from '@ai-ops/plugin-executions-common';
import {
  errorBody,
  EXECUTIONS_URL,
  renderPage,
  useSignalsServer,
} from '../../__testUtils__';
import { ApprovalsPage } from './ApprovalsPage';

const item = (executionId: string, message: string) => ({
  executionId,
  workflowRef: 'aiworkflow:default/classifier-evaluation',
  workflowVersion: 3,
  owner: 'group:default/team-a',
  createdBy: 'user:default/bob',
  queuedAt: '2026-11-25T09:00:00.000Z',
  costUsd: 0.42,
  approval: {
    stepId: 'review',
    kind: 'approval',
    message,
    approvers: { owners: true, groups: [], roles: [] },
    requestedAt: '2026-11-25T09:05:00.000Z',
    deadline: '2026-11-26T09:05:00.000Z',
  },
});

describe('ApprovalsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);
  beforeEach(() => signals.listen());

  it('lists what waits for the user and approves one with a comment', async () => {
    let pending = [
      item('run-a', 'Publish score 0.9?'),
      item('run-b', 'Publish score 0.4?'),
    ];
    const decisions: unknown[] = [];
    const queries: URL[] = [];
    server.use(
      http.get(`${EXECUTIONS_URL}/approvals`, ({ request }) => {
        queries.push(new URL(request.url));
        return HttpResponse.json({
          items: pending,
          totalItems: pending.length,
        });
      }),
      http.post(
        `${EXECUTIONS_URL}/executions/run-a/approvals`,
        async ({ request }) => {
          decisions.push(await request.json());
          pending = pending.filter(p => p.executionId !== 'run-a');
          return HttpResponse.json({
            id: 'run-a',
            stepId: 'review',
            decision: 'approve',
            decidedBy: 'user:default/alice',
          });
        },
      ),
    );
    await renderPage(<ApprovalsPage />, { path: '/executions/approvals' });
    const row = await screen.findByTestId('approval-run-a');
    expect(row).toHaveTextContent('Publish score 0.9?');
    expect(row).toHaveTextContent('$0.42');
    expect(queries[0].searchParams.get('state')).toBe('pending');

    await userEvent.click(
      within(row).getByRole('button', { name: 'Approve run-a review' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'ship it',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Approved step review of run run-a.',
    );
    expect(decisions).toEqual([
      { stepId: 'review', decision: 'approve', comment: 'ship it' },
    ]);
    await waitFor(() =>
      expect(screen.queryByTestId('approval-run-a')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('approval-run-b')).toBeInTheDocument();
  });

  it('shows the server refusing a decision, and a new pause arriving live', async () => {
    let pending = [item('run-a', 'Publish?')];
    server.use(
      http.get(`${EXECUTIONS_URL}/approvals`, () =>
        HttpResponse.json({ items: pending, totalItems: pending.length }),
      ),
      http.post(`${EXECUTIONS_URL}/executions/run-a/approvals`, () =>
        HttpResponse.json(
          errorBody(
            409,
            'ConflictError',
            "Run run-a is not waiting for step 'review'",
          ),
          { status: 409 },
        ),
      ),
    );
    await renderPage(<ApprovalsPage />, { path: '/executions/approvals' });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject run-a review' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Run run-a is not waiting for step 'review'",
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );

    await signals.subscribed(EXECUTIONS_LIST_SIGNAL_CHANNEL);
    pending = [...pending, item('run-c', 'Spend more?')];
    act(() =>
      signals.push(EXECUTIONS_LIST_SIGNAL_CHANNEL, {
        id: '30000000-0000-4000-8000-000000000001',
        type: 'ai-ops.execution.paused.v1',
        sequence: 7,
        time: '2026-11-25T10:00:00.000Z',
        executionId: 'run-c',
        workflowRef: 'aiworkflow:default/classifier-evaluation',
        executionStatus: 'paused',
        approval: { stepId: 'review', kind: 'approval' },
      }),
    );
    expect(await screen.findByTestId('approval-run-c')).toHaveTextContent(
      'Spend more?',
    );
  });

  it('says when nothing waits', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/approvals`, () =>
        HttpResponse.json({ items: [], totalItems: 0 }),
      ),
    );
    await renderPage(<ApprovalsPage />, { path: '/executions/approvals' });
    expect(
      await screen.findByText('Nothing waits for you'),
    ).toBeInTheDocument();
  });
});

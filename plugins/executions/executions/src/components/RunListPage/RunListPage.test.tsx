import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  EXECUTIONS_LIST_SIGNAL_CHANNEL,
  type ExecutionSignal,
} from '@ai-ops/plugin-executions-common';
import {
  EXECUTIONS_URL,
  executionFixture,
  renderPage,
  useSignalsServer,
} from '../../__testUtils__';
import { RunListPage } from './RunListPage';

describe('RunListPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);
  let requests: URL[];

  beforeEach(() => {
    signals.listen();
    requests = [];
  });

  function listAnswers(...pages: Array<Record<string, unknown>>) {
    server.use(
      http.get(`${EXECUTIONS_URL}/executions`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        const cursor = url.searchParams.get('cursor');
        const page = pages.find(p => (p.cursor ?? null) === cursor) ?? pages[0];
        const { cursor: _c, ...body } = page;
        return HttpResponse.json(body);
      }),
    );
  }

  it('sends the filters of the URL to the server and shows the runs it answers', async () => {
    listAnswers({
      items: [executionFixture({ id: 'run-failed-1', status: 'failed' })],
      totalItems: 1,
    });
    await renderPage(<RunListPage />, {
      path: '/executions?status=failed&status=cancelled&workflow=default/support-triage&owner=group:default/team-a&trigger=schedule&overBudget=true&pinned=true&from=2026-11-01T00:00:00.000Z',
    });
    expect(
      await screen.findByRole('link', { name: 'Run run-failed-1' }),
    ).toBeInTheDocument();
    const query = requests[0].searchParams;
    expect(query.getAll('status')).toEqual(['failed', 'cancelled']);
    expect(query.get('workflow')).toBe('default/support-triage');
    expect(query.get('owner')).toBe('group:default/team-a');
    expect(query.getAll('trigger')).toEqual(['schedule']);
    expect(query.get('overBudget')).toBe('true');
    expect(query.get('pinned')).toBe('true');
    expect(query.get('from')).toBe('2026-11-01T00:00:00.000Z');
    expect(query.get('limit')).toBe('25');
  });

  it('asks the server again when a filter changes', async () => {
    listAnswers({ items: [executionFixture()], totalItems: 1 });
    await renderPage(<RunListPage />);
    await screen.findByRole('link', { name: 'Run run-1' });
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Over budget' }),
    );
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1].searchParams.get('overBudget')).toBe('true');
    expect(requests[0].searchParams.has('overBudget')).toBe(false);
  });

  it('pages by cursor, forwards and back', async () => {
    listAnswers(
      {
        items: [executionFixture({ id: 'run-newer' })],
        totalItems: 2,
        nextCursor: 'c2',
      },
      {
        cursor: 'c2',
        items: [executionFixture({ id: 'run-older' })],
        totalItems: 2,
      },
    );
    await renderPage(<RunListPage />);
    await screen.findByRole('link', { name: 'Run run-newer' });
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: 'Run run-older' }),
    ).toBeInTheDocument();
    expect(requests[1].searchParams.get('cursor')).toBe('c2');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByRole('link', { name: 'Run run-newer' }),
    ).toBeInTheDocument();
    expect(requests[2].searchParams.has('cursor')).toBe(false);
  });

  it('updates the status of a shown run when its event arrives, and fetches new runs', async () => {
    listAnswers({
      items: [executionFixture({ id: 'run-live', status: 'running' })],
      totalItems: 1,
    });
    await renderPage(<RunListPage />);
    const row = await screen.findByTestId('run-row-run-live');
    expect(within(row).getByText('Running')).toBeInTheDocument();
    await signals.subscribed(EXECUTIONS_LIST_SIGNAL_CHANNEL);
    const finished: ExecutionSignal = {
      id: '20000000-0000-4000-8000-000000000001',
      type: 'ai-ops.execution.succeeded.v1',
      sequence: 9,
      time: '2026-11-25T10:05:00.000Z',
      executionId: 'run-live',
      workflowRef: 'aiworkflow:default/support-triage',
      executionStatus: 'succeeded',
      costUsd: 0.25,
    };
    act(() => signals.push(EXECUTIONS_LIST_SIGNAL_CHANNEL, finished));
    await waitFor(() =>
      expect(within(row).getByText('Succeeded')).toBeInTheDocument(),
    );
    expect(within(row).getByText('$0.25')).toBeInTheDocument();
    // An older event of the same run changes nothing.
    act(() =>
      signals.push(EXECUTIONS_LIST_SIGNAL_CHANNEL, {
        ...finished,
        id: '20000000-0000-4000-8000-000000000002',
        sequence: 3,
        type: 'ai-ops.execution.started.v1',
        executionStatus: 'running',
      }),
    );
    // A run not on the page makes the first page load again.
    listAnswers({
      items: [
        executionFixture({ id: 'run-new', status: 'queued' }),
        executionFixture({ id: 'run-live', status: 'succeeded' }),
      ],
      totalItems: 2,
    });
    act(() =>
      signals.push(EXECUTIONS_LIST_SIGNAL_CHANNEL, {
        ...finished,
        id: '20000000-0000-4000-8000-000000000003',
        executionId: 'run-new',
        sequence: 1,
        type: 'ai-ops.execution.queued.v1',
        executionStatus: 'queued',
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'Run run-new' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('run-row-run-live')).getByText('Succeeded'),
    ).toBeInTheDocument();
  });
});

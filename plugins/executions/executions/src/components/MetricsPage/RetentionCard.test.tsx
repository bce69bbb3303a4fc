import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { RetentionPolicyDto } from '@ai-ops/plugin-executions-common';
import { EXECUTIONS_URL, renderPage } from '../../__testUtils__';
import { RetentionCard } from './RetentionCard';

const URL_OF_POLICY = `${EXECUTIONS_URL}/retention/workflows/default/support-triage`;
const DEFAULT: RetentionPolicyDto = {
  workflowRef: 'aiworkflow:default/support-triage',
  days: 90,
  source: 'default',
};

describe('RetentionCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let policy: RetentionPolicyDto;
  let writes: Array<{ method: string; body?: unknown }>;

  beforeEach(() => {
    policy = DEFAULT;
    writes = [];
    server.use(
      http.get(URL_OF_POLICY, () => HttpResponse.json(policy)),
      http.put(URL_OF_POLICY, async ({ request }) => {
        const body = (await request.json()) as { days: number };
        writes.push({ method: 'PUT', body });
        policy = {
          ...DEFAULT,
          days: body.days,
          source: 'workflow',
          updatedBy: 'user:default/alice',
          updatedAt: '2026-11-27T10:00:00.000Z',
        };
        return HttpResponse.json(policy);
      }),
      http.delete(URL_OF_POLICY, () => {
        writes.push({ method: 'DELETE' });
        policy = DEFAULT;
        return HttpResponse.json(policy);
      }),
    );
  });

  const render = () =>
    renderPage(
      <RetentionCard
        workflow={{ namespace: 'default', name: 'support-triage' }}
      />,
    );

  it('sets how long the workflow keeps finished runs, then goes back to the default', async () => {
    await render();
    expect(await screen.findByTestId('retention-policy')).toHaveTextContent(
      'Finished runs are removed after 90 days (the default of this console). Pinned runs are kept.',
    );
    const days = screen.getByRole('spinbutton', {
      name: 'Keep finished runs (days)',
    });
    await userEvent.clear(days);
    await userEvent.type(days, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByTestId('retention-policy')).toHaveTextContent(
        'removed after 30 days (set for this workflow by user:default/alice',
      ),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Use the default' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('retention-policy')).toHaveTextContent(
        'after 90 days (the default',
      ),
    );
    expect(writes).toEqual([
      { method: 'PUT', body: { days: 30 } },
      { method: 'DELETE' },
    ]);
  });

  it('refuses a number of days the API would not take, naming the field', async () => {
    await render();
    const days = await screen.findByRole('spinbutton', {
      name: 'Keep finished runs (days)',
    });
    await userEvent.clear(days);
    await userEvent.type(days, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      "days: a whole number of days from 1 to 36500, not '0'",
    );
    expect(writes).toEqual([]);
  });
});

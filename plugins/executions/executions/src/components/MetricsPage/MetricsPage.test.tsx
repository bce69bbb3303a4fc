import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { MetricsDto } from '@ai-ops/plugin-executions-common';
import { errorBody, EXECUTIONS_URL, renderPage } from '../../__testUtils__';
import { MetricsPage } from './MetricsPage';

const bucket = (start: string, runs: number, failed: number) => ({
  start,
  runs,
  succeeded: runs - failed,
  failed,
  successRate: (runs - failed) / runs,
  p50LatencyMs: 800,
  p95LatencyMs: 2400,
  inputTokens: 1000,
  outputTokens: 250,
  costUsd: 0.12,
});

const metrics = (overrides: Partial<MetricsDto> = {}): MetricsDto => ({
  ref: 'aiworkflow:default/support-triage',
  from: '2026-11-18T00:00:00.000Z',
  to: '2026-11-25T00:00:00.000Z',
  bucket: 'day',
  buckets: [
    bucket('2026-11-23T00:00:00.000Z', 10, 1),
    bucket('2026-11-24T00:00:00.000Z', 10, 3),
  ],
  totals: { ...bucket('2026-11-18T00:00:00.000Z', 20, 4), costUsd: 0.24 },
  failing: [
    { key: 'classify', failures: 5, runs: 3, lastError: 'rate limited' },
    { key: 'score', failures: 1, runs: 1 },
  ],
  ...overrides,
});

describe('MetricsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // A workflow's page also reads its retention (RetentionCard.test.tsx).
  beforeEach(() =>
    server.use(
      http.get(
        `${EXECUTIONS_URL}/retention/workflows/:namespace/:name`,
        ({ params }) =>
          HttpResponse.json({
            workflowRef: `aiworkflow:${params.namespace}/${params.name}`,
            days: 90,
            source: 'default',
          }),
      ),
    ),
  );

  it('shows the totals and the steps that fail most of a workflow, for the chosen time range', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(
        `${EXECUTIONS_URL}/metrics/workflows/default/support-triage`,
        ({ request }) => {
          requests.push(new URL(request.url));
          return HttpResponse.json(metrics());
        },
      ),
    );
    await renderPage(
      <MetricsPage
        kind="workflow"
        entity={{ namespace: 'default', name: 'support-triage' }}
      />,
    );
    expect(await screen.findByLabelText('Success rate')).toHaveTextContent(
      '80.0%',
    );
    expect(screen.getByLabelText('p50 latency')).toHaveTextContent('800 ms');
    expect(screen.getByLabelText('p95 latency')).toHaveTextContent('2.4 s');
    expect(screen.getByLabelText('Cost')).toHaveTextContent('$0.24');
    expect(screen.getByLabelText('Runs')).toHaveTextContent('20');
    const failing = screen.getByRole('table', { name: 'Most failing' });
    const rows = within(failing).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('classify53rate limited');
    expect(rows[2]).toHaveTextContent('score11—');
    expect(screen.getByLabelText('Latency (ms)')).toBeInTheDocument();
    expect(requests[0].searchParams.get('bucket')).toBe('day');
    const from = Date.parse(requests[0].searchParams.get('from')!);
    const to = Date.parse(requests[0].searchParams.get('to')!);
    expect(to - from).toBe(7 * 86400_000);

    await userEvent.click(screen.getByRole('button', { name: /Last 7 days/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Last 24 hours' }),
    );
    await screen.findByLabelText('Success rate');
    expect(requests).toHaveLength(2);
    expect(requests[1].searchParams.get('bucket')).toBe('hour');
  });

  it('links the workflows in which a component fails most to their metrics', async () => {
    server.use(
      http.get(
        `${EXECUTIONS_URL}/metrics/components/default/gpt-4o-mini-chat`,
        () =>
          HttpResponse.json(
            metrics({
              ref: 'aicomponent:default/gpt-4o-mini-chat',
              failing: [
                {
                  key: 'aiworkflow:default/support-triage',
                  failures: 2,
                  runs: 2,
                },
              ],
            }),
          ),
      ),
    );
    await renderPage(
      <MetricsPage
        kind="component"
        entity={{ namespace: 'default', name: 'gpt-4o-mini-chat' }}
      />,
    );
    const link = await screen.findByRole('link', {
      name: 'aiworkflow:default/support-triage',
    });
    expect(link).toHaveAttribute(
      'href',
      '/executions/metrics/workflows/default/support-triage',
    );
  });

  it('says when nothing ran, and shows the error of a refused request', async () => {
    server.use(
      http.get(`${EXECUTIONS_URL}/metrics/workflows/default/quiet`, () =>
        HttpResponse.json(
          metrics({
            buckets: [],
            totals: { ...bucket('2026-11-18T00:00:00.000Z', 1, 0), runs: 0 },
            failing: [],
          }),
        ),
      ),
      http.get(`${EXECUTIONS_URL}/metrics/workflows/default/secret`, () =>
        HttpResponse.json(
          errorBody(
            403,
            'NotAllowedError',
            'You may not read workflow default/secret',
          ),
          { status: 403 },
        ),
      ),
    );
    const quiet = await renderPage(
      <MetricsPage
        kind="workflow"
        entity={{ namespace: 'default', name: 'quiet' }}
      />,
    );
    expect(
      await screen.findByText('No runs in this time range'),
    ).toBeInTheDocument();
    quiet.unmount();
    await renderPage(
      <MetricsPage
        kind="workflow"
        entity={{ namespace: 'default', name: 'secret' }}
      />,
    );
    expect(
      await screen.findByText(/You may not read workflow default\/secret/),
    ).toBeInTheDocument();
  });
});

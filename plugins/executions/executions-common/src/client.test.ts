import { ExecutionsClient } from './client';

describe('ExecutionsClient', () => {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const reply = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  let next: Response;
  const client = new ExecutionsClient({
    getBaseUrl: async () => 'http://backstage/api/executions',
    fetch: async (url, init) => {
      calls.push({ url, init });
      return next;
    },
  });

  beforeEach(() => {
    calls.length = 0;
  });

  it('starts a run with an idempotency key and returns the accepted run', async () => {
    next = reply(202, { id: 'run-1', status: 'running' });
    await expect(
      client.startExecution(
        { workflow: 'aiworkflow:default/x', input: { text: 'hi' } },
        { idempotencyKey: 'k1' },
      ),
    ).resolves.toEqual({ id: 'run-1', status: 'running' });
    expect(calls[0].url).toBe('http://backstage/api/executions/executions');
    expect(calls[0].init?.method).toBe('POST');
    expect(new Headers(calls[0].init?.headers).get('Idempotency-Key')).toBe(
      'k1',
    );
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      workflow: 'aiworkflow:default/x',
      input: { text: 'hi' },
    });
  });

  it('sends list filters as query parameters', async () => {
    next = reply(200, { items: [], totalItems: 0 });
    await client.listExecutions({
      workflow: 'aiworkflow:default/x',
      status: ['running', 'paused'],
      limit: 10,
    });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/executions/executions');
    expect(url.searchParams.getAll('status')).toEqual(['running', 'paused']);
    expect(url.searchParams.get('workflow')).toBe('aiworkflow:default/x');
    expect(url.searchParams.get('limit')).toBe('10');
  });

  it('calls the monitoring routes: filters, step detail, metrics, retention and pins', async () => {
    next = reply(200, { items: [], totalItems: 0 });
    await client.listExecutions({
      trigger: ['webhook', 'schedule'],
      overBudget: true,
    });
    let url = new URL(calls[0].url);
    expect(url.searchParams.getAll('trigger')).toEqual(['webhook', 'schedule']);
    expect(url.searchParams.get('overBudget')).toBe('true');

    next = reply(200, { items: [], nextCursor: 'c2' });
    await expect(
      client.listStepsPage('run 1', { limit: 100, cursor: 'c1' }),
    ).resolves.toEqual({ items: [], nextCursor: 'c2' });
    url = new URL(calls[1].url);
    expect(url.pathname).toBe('/api/executions/executions/run%201/steps');
    expect(url.searchParams.get('cursor')).toBe('c1');

    next = reply(200, { stepId: 'judge', iterations: [] });
    await client.getStep('run-1', 'judge', { iteration: 2 });
    url = new URL(calls[2].url);
    expect(url.pathname).toBe('/api/executions/executions/run-1/steps/judge');
    expect(url.searchParams.get('iteration')).toBe('2');

    next = reply(200, { ref: 'aicomponent:default/llm', buckets: [] });
    await client.getComponentMetrics(
      { namespace: 'default', name: 'llm' },
      { bucket: 'hour', from: '2026-01-01T00:00:00Z' },
    );
    url = new URL(calls[3].url);
    expect(url.pathname).toBe('/api/executions/metrics/components/default/llm');
    expect(url.searchParams.get('bucket')).toBe('hour');
    expect(url.searchParams.get('from')).toBe('2026-01-01T00:00:00Z');

    next = reply(200, { workflowRef: 'aiworkflow:default/x', days: 9 });
    await client.putWorkflowRetention({ namespace: 'default', name: 'x' }, 9);
    expect(calls[4].init?.method).toBe('PUT');
    expect(JSON.parse(String(calls[4].init?.body))).toEqual({ days: 9 });

    next = reply(200, { id: 'run-1', pinned: false });
    await client.unpinExecution('run-1');
    expect(calls[5].init?.method).toBe('DELETE');
    expect(new URL(calls[5].url).pathname).toBe(
      '/api/executions/executions/run-1/pin',
    );
  });

  it("reads a trigger's runs and its schedule", async () => {
    next = reply(200, { items: [], totalItems: 0 });
    await client.listExecutions({ triggerId: 'trigger 1', limit: 1 });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/executions/executions');
    expect(url.searchParams.get('triggerId')).toBe('trigger 1');
    expect(url.searchParams.get('limit')).toBe('1');

    const schedule = {
      triggerId: 't/1',
      scheduleId: 'ai-ops-trigger-t/1',
      paused: false,
      nextFireTimes: ['2026-01-05T08:30:00.000Z'],
    };
    next = reply(200, schedule);
    await expect(client.getTriggerSchedule('t/1')).resolves.toEqual(schedule);
    expect(calls[1].init?.method).toBe('GET');
    expect(new URL(calls[1].url).pathname).toBe(
      '/api/executions/triggers/t%2F1/schedule',
    );

    next = reply(404, {
      error: {
        name: 'NotFoundError',
        message:
          "triggerId: the schedule of trigger 't' is not in Temporal yet",
      },
      request: { method: 'GET', url: '/triggers/t/schedule' },
      response: { statusCode: 404 },
    });
    await expect(client.getTriggerSchedule('t')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
  });

  it('turns an error status into a ResponseError that keeps the message', async () => {
    next = reply(409, {
      error: { name: 'ConflictError', message: "Run 'r' is already failed" },
      request: { method: 'POST', url: '/executions/r/cancel' },
      response: { statusCode: 409 },
    });
    await expect(client.cancelExecution('r')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      body: { error: { message: "Run 'r' is already failed" } },
    });
  });

  it('posts decisions and re-runs to the run', async () => {
    next = reply(200, {
      id: 'r',
      stepId: 'review',
      decision: 'approve',
      decidedBy: 'user:default/alice',
    });
    await client.decideApproval('r', { stepId: 'review', decision: 'approve' });
    expect(calls[0].url).toBe(
      'http://backstage/api/executions/executions/r/approvals',
    );
    next = reply(202, { id: 'r2', status: 'queued' });
    await expect(
      client.rerunExecution('r', { fromStepId: 'score' }),
    ).resolves.toEqual({ id: 'r2', status: 'queued' });
    expect(calls[1].url).toBe(
      'http://backstage/api/executions/executions/r/rerun',
    );
  });
});

import { randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import type { RunWorkflowArgs } from '@ai-ops/plugin-executions-workflows';
import { Client, Connection } from '@temporalio/client';
import { TemporalRunner } from './TemporalRunner';

jest.setTimeout(60_000);

/** A task queue no worker polls: runs stay open until the test ends them. */
const settings = {
  address: '127.0.0.1:7233',
  namespace: 'ai-ops',
  taskQueue: `temporal-runner-test-${randomUUID()}`,
};

const args = (executionId: string): RunWorkflowArgs => ({
  executionId,
  input: { text: 'hi' },
  snapshot: {
    workflowRef: 'aiworkflow:default/shout',
    version: 1,
    document: {
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIWorkflow',
      metadata: { name: 'shout' },
      spec: {
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        steps: [{ id: 'upper', component: 'aicomponent:default/upper-case' }],
      },
    },
    componentRevisions: { 'aicomponent:default/upper-case': 1 },
  },
});

describe('TemporalRunner against the local Temporal server', () => {
  const runner = new TemporalRunner(settings, mockServices.logger.mock());

  afterAll(() => runner.close());

  it('starts once per id, reports open and closed runs, and cancels', async () => {
    const id = randomUUID();
    await runner.start(args(id));
    // Starting the same id again is not an error and starts nothing.
    await runner.start(args(id));
    expect(await runner.outcome(id)).toEqual({ state: 'open' });

    // No worker answers the query: no live state, in bounded time.
    const before = Date.now();
    expect(await runner.queryState(id)).toBeUndefined();
    expect(Date.now() - before).toBeLessThan(10_000);

    expect(await runner.cancel(id)).toBe('requested');

    const other = randomUUID();
    await runner.start(args(other));
    // Ended outside the console: the outcome says how.
    const connection = await Connection.connect({ address: settings.address });
    try {
      const client = new Client({ connection, namespace: settings.namespace });
      await client.workflow.getHandle(id).terminate('test');
      await client.workflow.getHandle(other).terminate('test');
    } finally {
      await connection.close();
    }
    expect(await runner.outcome(id)).toEqual({
      state: 'closed',
      update: {
        executionId: id,
        status: 'cancelled',
        error: {
          code: 'terminated',
          message: 'The run was terminated in Temporal',
        },
      },
    });
    expect(await runner.cancel(other)).toBe('closed');
  });

  it('reports unknown runs and refuses decisions for them', async () => {
    const id = randomUUID();
    expect(await runner.outcome(id)).toEqual({ state: 'not-found' });
    expect(await runner.cancel(id)).toBe('not-found');
    await expect(
      runner.decideApproval(id, {
        stepId: 'review',
        decision: 'approve',
        decidedBy: 'user:default/alice',
      }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('answers 503 while Temporal is unreachable', async () => {
    const down = new TemporalRunner(
      { ...settings, address: '127.0.0.1:1' },
      mockServices.logger.mock(),
    );
    try {
      await expect(down.start(args(randomUUID()))).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(/Temporal at 127.0.0.1:1/),
      });
      expect(await down.queryState(randomUUID())).toBeUndefined();
    } finally {
      await down.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// The real workflows and ai-components plugins in the same backend, so that
// versions are resolved through their APIs as in production (test-only
// imports of other plugins).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiComponentsPlugin from '@ai-ops/plugin-ai-components-backend';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import workflowsPlugin from '@ai-ops/plugin-workflows-backend';
import {
  Client,
  Connection,
  defaultPayloadConverter,
  ScheduleDescription,
  ScheduleNotFoundError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { scheduleIdOf } from '@ai-ops/plugin-executions-workflows';
import request from 'supertest';
import { executionsPlugin } from './plugin';

jest.setTimeout(120_000);

/** A task queue no worker polls, so the runs stay running. */
const taskQueue = `executions-backend-test-${randomUUID()}`;

const config = {
  aiComponents: {
    secrets: {
      keys: [{ id: 'test', secret: Buffer.alloc(32, 7).toString('base64') }],
    },
  },
  temporal: { address: '127.0.0.1:7233', namespace: 'ai-ops', taskQueue },
};

const textSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
};

const component = (name: string) => ({
  name,
  type: 'tool',
  owner: 'team-a',
  lifecycle: 'experimental',
  runtime: {
    type: 'jsonata',
    config: { expression: '{ "text": $uppercase(text) }' },
  },
  inputSchema: textSchema,
  outputSchema: textSchema,
});

const workflow = (
  name: string,
  componentName: string,
  spec: Record<string, unknown> = {},
) => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name },
  spec: {
    owner: 'team-a',
    lifecycle: 'experimental',
    input: textSchema,
    steps: [
      {
        id: 'upper',
        component: componentName,
        with: { text: '${{ input.text }}' },
      },
    ],
    output: { text: '${{ steps.upper.output.text }}' },
    ...spec,
  },
});

describe('executionsPlugin', () => {
  let connection: Connection;
  let client: Client;
  const started: string[] = [];
  const schedules: string[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: '127.0.0.1:7233' });
    client = new Client({ connection, namespace: 'ai-ops' });
  });

  afterAll(async () => {
    for (const id of started) {
      await client.workflow
        .getHandle(id)
        .terminate('executions-backend plugin test')
        .catch(() => undefined);
    }
    for (const id of schedules) {
      await client.schedule
        .getHandle(id)
        .delete()
        .catch(() => undefined);
    }
    await connection?.close();
  });

  async function start() {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    });
    const { server } = await startTestBackend({
      features: [
        executionsPlugin,
        workflowsPlugin,
        aiComponentsPlugin,
        runtimesFeature,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: [] }),
        permissions.factory,
        // The real events service: one bus for all plugins, as in the
        // backend (the test backend's default gives each plugin its own).
        eventsServiceFactory,
      ],
    });
    return server;
  }

  it('starts a run of the resolved version on the real Temporal server, once per idempotency key', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(component('upper-case'))
      .expect(201);
    await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('shout', 'upper-case') })
      .expect(201);

    const res = await request(server)
      .post('/api/executions/executions')
      .set('Idempotency-Key', 'first')
      .send({ workflow: 'aiworkflow:default/shout', input: { text: 'hi' } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'running' });
    const { id } = res.body;
    started.push(id);

    const handle = client.workflow.getHandle(id);
    const described = await handle.describe();
    expect(described.type).toBe('runWorkflowVersion');
    expect(described.taskQueue).toBe(taskQueue);
    expect(described.status.name).toBe('RUNNING');

    // The argument is the pinned snapshot of version 1.
    const history = await handle.fetchHistory();
    const [payload] =
      history.events?.[0].workflowExecutionStartedEventAttributes?.input
        ?.payloads ?? [];
    expect(defaultPayloadConverter.fromPayload(payload)).toEqual({
      executionId: id,
      input: { text: 'hi' },
      snapshot: {
        workflowRef: 'aiworkflow:default/shout',
        version: 1,
        document: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'shout' }),
        }),
        componentRevisions: { 'aicomponent:default/upper-case': 1 },
      },
    });

    // A retry with the same key: the same run, nothing new in Temporal.
    const again = await request(server)
      .post('/api/executions/executions')
      .set('Idempotency-Key', 'first')
      .send({ workflow: 'aiworkflow:default/shout', input: { text: 'hi' } });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(id);
    expect((await handle.describe()).runId).toBe(described.runId);

    // Later starts reuse version 1's validation and read its components
    // beside the workflow; a new version or a new component revision is
    // still what the next start pins.
    const pinnedBy = async (runId: string) => {
      started.push(runId);
      const events = (await client.workflow.getHandle(runId).fetchHistory())
        .events;
      const [first] =
        events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads ??
        [];
      const { snapshot } = defaultPayloadConverter.fromPayload(first) as {
        snapshot: { version: number; componentRevisions: object };
      };
      return {
        version: snapshot.version,
        revisions: snapshot.componentRevisions,
      };
    };
    const startShout = async () => {
      const response = await request(server)
        .post('/api/executions/executions')
        .send({ workflow: 'aiworkflow:default/shout', input: { text: 'hi' } })
        .expect(202);
      return pinnedBy(response.body.id);
    };
    await expect(startShout()).resolves.toEqual({
      version: 1,
      revisions: { 'aicomponent:default/upper-case': 1 },
    });
    await request(server)
      .put('/api/workflows/workflows/default/shout')
      .send({
        document: workflow('shout', 'upper-case', { lifecycle: 'production' }),
      })
      .expect(200);
    await expect(startShout()).resolves.toEqual({
      version: 2,
      revisions: { 'aicomponent:default/upper-case': 1 },
    });
    await request(server)
      .put('/api/ai-components/components/default/upper-case')
      .send({
        ...component('upper-case'),
        name: undefined,
        runtime: {
          type: 'jsonata',
          config: { expression: '{ "text": $uppercase(text) & "!" }' },
        },
      })
      .expect(200);
    await expect(startShout()).resolves.toEqual({
      version: 2,
      revisions: { 'aicomponent:default/upper-case': 2 },
    });

    const read = await request(server)
      .get(`/api/executions/executions/${id}`)
      .expect(200);
    expect(read.body).toMatchObject({
      id,
      status: 'running',
      workflowRef: 'aiworkflow:default/shout',
      workflowVersion: 1,
      owner: 'group:default/team-a',
      trigger: { type: 'manual', actor: 'user:default/mock' },
    });
    const list = await request(server)
      .get('/api/executions/executions')
      .query({ workflow: 'aiworkflow:default/shout' })
      .expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.body.totalItems).toBe(4);

    // Cancelling asks Temporal; with no worker the run stays open there.
    await request(server)
      .post(`/api/executions/executions/${id}/cancel`)
      .expect(202);
    const cancelRequested = (await handle.fetchHistory()).events?.some(
      e => !!e.workflowExecutionCancelRequestedEventAttributes,
    );
    expect(cancelRequested).toBe(true);
  });

  it('refuses unknown workflows, bad input and versions whose component is gone, starting nothing', async () => {
    const server = await start();
    for (const name of ['old-part', 'new-part']) {
      await request(server)
        .post('/api/ai-components/components')
        .send(component(name))
        .expect(201);
    }
    await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('evolving', 'old-part') })
      .expect(201);
    await request(server)
      .put('/api/workflows/workflows/default/evolving')
      .send({ document: workflow('evolving', 'new-part') })
      .expect(200);
    // Version 1 runs while old-part exists; its validation is then reused
    // for later starts only while its components are unchanged.
    const whileThere = await request(server)
      .post('/api/executions/executions')
      .send({ workflow: 'default/evolving', version: 1, input: { text: 'x' } });
    expect(whileThere.status).toBe(202);
    started.push(whileThere.body.id);
    // Version 1 uses old-part; only the newest version protects a component.
    await request(server)
      .delete('/api/ai-components/components/default/old-part')
      .expect(204);

    const before = await request(server).get('/api/executions/executions');

    const unknown = await request(server)
      .post('/api/executions/executions')
      .send({ workflow: 'default/ghost', input: { text: 'x' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /no workflow 'aiworkflow:default\/ghost'/,
    );

    const noVersion = await request(server)
      .post('/api/executions/executions')
      .send({ workflow: 'default/evolving', version: 9, input: { text: 'x' } });
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.error.message).toMatch(/^version:/);

    const noLabel = await request(server)
      .post('/api/executions/executions')
      .send({
        workflow: 'default/evolving',
        label: 'canary',
        input: { text: 'x' },
      });
    expect(noLabel.status).toBe(404);
    expect(noLabel.body.error.message).toMatch(/^label:/);

    const badInput = await request(server)
      .post('/api/executions/executions')
      .send({ workflow: 'default/evolving', input: { text: 42 } });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error.message).toMatch(/input\/text must be string/);

    const gone = await request(server)
      .post('/api/executions/executions')
      .send({ workflow: 'default/evolving', version: 1, input: { text: 'x' } });
    expect(gone.status).toBe(400);
    expect(gone.body.error.message).toMatch(
      /version 1 of 'aiworkflow:default\/evolving' cannot run: .*old-part/,
    );

    const after = await request(server).get('/api/executions/executions');
    expect(after.body.totalItems).toBe(before.body.totalItems);

    // The newest version runs.
    const ok = await request(server)
      .post('/api/executions/executions')
      .send({ workflow: 'default/evolving', input: { text: 'x' } });
    expect(ok.status).toBe(202);
    started.push(ok.body.id);
    expect(
      (await client.workflow.getHandle(ok.body.id).describe()).status.name,
    ).toBe('RUNNING');
  });

  it('queues a run beyond the concurrency limit and starts it once a run ends in Temporal', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(component('limited-part'))
      .expect(201);
    await request(server)
      .post('/api/workflows/workflows')
      .send({
        document: workflow('limited', 'limited-part', {
          concurrency: { limit: 1 },
        }),
      })
      .expect(201);
    const run = () =>
      request(server)
        .post('/api/executions/executions')
        .send({ workflow: 'default/limited', input: { text: 'x' } })
        .expect(202);
    const first = (await run()).body;
    started.push(first.id);
    const second = (await run()).body;
    started.push(second.id);
    expect(first.status).toBe('running');
    expect(second.status).toBe('queued');
    await expect(
      client.workflow.getHandle(second.id).describe(),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);

    // The first run ends in Temporal; reading it settles it and frees the slot.
    await client.workflow.getHandle(first.id).terminate('test');
    const ended = await request(server)
      .get(`/api/executions/executions/${first.id}`)
      .expect(200);
    expect(ended.body).toMatchObject({
      status: 'cancelled',
      error: { code: 'terminated' },
    });
    const now = await request(server)
      .get(`/api/executions/executions/${second.id}`)
      .expect(200);
    expect(now.body.status).toBe('running');
    expect(
      (await client.workflow.getHandle(second.id).describe()).status.name,
    ).toBe('RUNNING');
  });

  it('syncs the Temporal Schedule as soon as a schedule trigger changes', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(component('upper-timed'))
      .expect(201);
    await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('timed', 'upper-timed') })
      .expect(201);
    const triggers = '/api/workflows/workflows/default/timed/triggers';
    const created = await request(server)
      .post(triggers)
      .send({ type: 'schedule', cron: '0 9 * * 1-5', input: { text: 'hi' } })
      .expect(201);
    const scheduleId = scheduleIdOf(created.body.id);
    schedules.push(scheduleId);
    const handle = client.schedule.getHandle(scheduleId);
    const describe = () =>
      handle.describe().catch(error => {
        if (error instanceof ScheduleNotFoundError) return undefined;
        throw error;
      });
    // The periodic pass runs every 30 s (and 3 s after start); each change
    // below must reach Temporal within 3 s, which only the workflows
    // plugin's event makes sure of for all three.
    const within3s = async (what: string, check: () => Promise<boolean>) => {
      const deadline = Date.now() + 3_000;
      while (!(await check())) {
        if (Date.now() > deadline) {
          throw new Error(`the schedule was not ${what} within 3 s`);
        }
        await new Promise(r => setTimeout(r, 100));
      }
    };
    const cronOf = (description?: ScheduleDescription) =>
      description?.action.type === 'startWorkflow'
        ? (description.action.memo as { cron?: string } | undefined)?.cron
        : undefined;
    await within3s('created', async () => (await describe()) !== undefined);
    expect(cronOf(await describe())).toBe('0 9 * * 1-5');

    await request(server)
      .put(`${triggers}/${created.body.id}`)
      .send({ type: 'schedule', cron: '30 6 * * *', enabled: false })
      .expect(200);
    await within3s('paused with the new cron', async () => {
      const now = await describe();
      return !!now?.state.paused && cronOf(now) === '30 6 * * *';
    });

    await request(server).delete(`${triggers}/${created.body.id}`).expect(204);
    await within3s('deleted', async () => (await describe()) === undefined);
  });

  it('serves /health and publishes its permissions', async () => {
    const server = await start();
    await request(server)
      .get('/api/executions/health')
      .expect(200, { status: 'ok' });
    const res = await request(server).get(
      '/api/executions/.well-known/backstage/permissions/metadata',
    );
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'executions.execution.read',
        'executions.execution.run',
        'executions.execution.cancel',
        'executions.execution.approve',
      ]),
    );
  });
});

import crypto from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  executionSignalChannel,
  ExecutionSignal,
  EXECUTIONS_LIST_SIGNAL_CHANNEL,
} from '@ai-ops/plugin-executions-common';
import { DatabaseExecutionStore } from '@ai-ops/plugin-executions-node';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
// The real notifications backend, as packages/backend adds it.
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { connect } from 'amqplib';
import { Knex } from 'knex';
import request from 'supertest';
import { executionsPlugin } from '../plugin';

jest.setTimeout(120_000);

const BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672';
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const ana = 'user:default/ana';
const bob = 'user:default/bob';
const carol = 'user:default/carol';

/** team-a owns the workflow; ana is a member, bob and carol are not. */
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [], members: ['ana'] },
    relations: [{ type: 'hasMember', targetRef: ana }],
  },
  ...['ana', 'bob', 'carol'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: name === 'ana' ? ['team-a'] : [] },
    relations:
      name === 'ana'
        ? [{ type: 'memberOf', targetRef: 'group:default/team-a' }]
        : [],
  })),
];

const snapshot = (name: string): WorkflowSnapshot => ({
  workflowRef: `aiworkflow:default/${name}`,
  version: 1,
  document: {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name },
    spec: {
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      steps: [
        { id: 'classify', component: 'aicomponent:default/upper-case' },
        {
          id: 'review',
          needs: ['classify'],
          approval: { approvers: { owners: true }, timeout: '24h' },
        },
      ],
    },
  },
  componentRevisions: { 'aicomponent:default/upper-case': 1 },
});

/** What a replica's signals service published (the topic its signals backend reads). */
type Published = { channel: string; message: ExecutionSignal };

/**
 * Taps the `signals` topic of a backend's events service: what the signals
 * service publishes there is what the signals backend pushes to the
 * WebSockets of that instance. (The test backend's HTTP router of
 * backend-test-utils 1.11 cannot upgrade WebSockets; bench/events connects
 * a real WebSocket client to a real backend.)
 */
function signalsTap(published: Published[]) {
  return createBackendModule({
    pluginId: 'executions',
    moduleId: 'signals-tap',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'executions-signals-tap',
            topics: ['signals'],
            onEvent: async params => {
              published.push(params.eventPayload as Published);
            },
          });
        },
      });
    },
  });
}

const on = (published: Published[], channel: string) =>
  published.filter(p => p.channel === channel).map(p => p.message);

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
};

/**
 * The executions plugin with the real signals and notifications backends;
 * the executions plugin's database is `knex` (shared with the test's store
 * and with other replicas), the others get their own.
 */
async function startReplica(knex: Knex, config: Record<string, unknown>) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  });
  const published: Published[] = [];
  const { server } = await startTestBackend({
    features: [
      executionsPlugin,
      signalsTap(published),
      notificationsPlugin,
      mockServices.rootConfig.factory({
        data: {
          temporal: {
            address: '127.0.0.1:7233',
            namespace: 'ai-ops',
            taskQueue: `executions-events-test-${crypto.randomUUID()}`,
          },
          app: { baseUrl: 'http://localhost:3000' },
          ...config,
        },
      }),
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        async factory({ plugin }) {
          return plugin.getId() === 'executions'
            ? mockServices.database({ knex })
            : mockServices.database({
                knex: await databases.init('POSTGRES_15'),
              });
        },
      }),
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      // Ownership as the catalog's relations give it.
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs:
              ref === ana ? [ref, 'group:default/team-a'] : [ref],
          };
        },
      }).factory,
    ],
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, published, baseUrl: `http://localhost:${port}` };
}

/** Writes a run through the store as the worker would: events via the outbox. */
async function runThatPausesThenFails(
  knex: Knex,
  name: string,
  id: string = crypto.randomUUID(),
) {
  const store = await DatabaseExecutionStore.create({
    database: mockServices.database({ knex }),
    skipMigrations: true,
  });
  await store.create({
    id,
    snapshot: snapshot(name),
    owner: 'group:default/team-a',
    input: { text: 'secret input' },
    trigger: { type: 'manual', actor: bob },
    createdBy: bob,
    status: 'running',
  });
  await store.recordAttempt({
    executionId: id,
    stepId: 'classify',
    iteration: 0,
    attempt: 1,
    status: 'running',
    input: { text: 'secret input' },
    costUsd: 0,
    tokens: { inputTokens: 0, outputTokens: 0 },
  });
  await store.recordAttempt({
    executionId: id,
    stepId: 'classify',
    iteration: 0,
    attempt: 1,
    status: 'succeeded',
    input: { text: 'secret input' },
    output: { text: 'SECRET OUTPUT' },
    costUsd: 0.02,
    tokens: { inputTokens: 10, outputTokens: 4 },
    latencyMs: 120,
  });
  await store.update({
    executionId: id,
    status: 'paused',
    pendingApproval: {
      stepId: 'review',
      kind: 'approval',
      approvers: { owners: true, groups: [], roles: [] },
      requestedAt: new Date().toISOString(),
    },
  });
  return {
    id,
    store,
    fail: () =>
      store.update({
        executionId: id,
        status: 'failed',
        error: {
          code: 'REJECTED',
          message: 'review rejected',
          stepId: 'review',
        },
      }),
  };
}

// queued, started, step.started, step.succeeded, paused, approval.requested
const UNTIL_PAUSED = 6;

async function notificationsOf(
  server: Parameters<typeof request>[0],
  user: string,
) {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(user))
    .expect(200);
  return (
    res.body.notifications as Array<{
      payload: { title: string; link: string };
    }>
  ).map(n => n.payload);
}

describe('consumed execution events', () => {
  it('without RabbitMQ: stores the history once, signals and notifies', async () => {
    const knex = await databases.init('POSTGRES_15');
    const { server, published } = await startReplica(knex, {});
    // Migrations ran with the plugin; the test writes as the worker does.
    const run = await runThatPausesThenFails(knex, 'in-process');
    await until('the history', async () => {
      const res = await request(server)
        .get(`/api/executions/executions/${run.id}/events`)
        .set('Authorization', mockCredentials.user.header(carol));
      return res.body.items?.length === UNTIL_PAUSED;
    });
    await run.fail();
    await until('the failure in the history', async () => {
      const res = await request(server)
        .get(`/api/executions/executions/${run.id}/events`)
        .set('Authorization', mockCredentials.user.header(carol));
      return res.body.items?.length === UNTIL_PAUSED + 1;
    });

    // The history, paged by sequence, each event once.
    const first = await request(server)
      .get(`/api/executions/executions/${run.id}/events`)
      .query({ limit: 4 })
      .set('Authorization', mockCredentials.user.header(carol))
      .expect(200);
    expect(
      first.body.items.map((e: { sequence: number }) => e.sequence),
    ).toEqual([1, 2, 3, 4]);
    expect(first.body.nextAfter).toBe(4);
    const rest = await request(server)
      .get(`/api/executions/executions/${run.id}/events`)
      .query({ after: 4 })
      .set('Authorization', mockCredentials.user.header(carol))
      .expect(200);
    expect(rest.body.items.map((e: { type: string }) => e.type)).toEqual([
      'ai-ops.execution.paused.v1',
      'ai-ops.approval.requested.v1',
      'ai-ops.execution.failed.v1',
    ]);
    expect(rest.body.nextAfter).toBeUndefined();
    await request(server)
      .get(`/api/executions/executions/${run.id}/events`)
      .query({ after: -1 })
      .set('Authorization', mockCredentials.user.header(carol))
      .expect(400);
    await request(server)
      .get('/api/executions/executions/no-such-run/events')
      .set('Authorization', mockCredentials.user.header(carol))
      .expect(404);

    // The run's channel got a signal per event, in order, without the
    // step's input or output; the list's channel got the run events. The
    // signals and the history are separate subscribers of the bus, so the
    // failure may be stored before it is signalled.
    await until('the failure signals', () =>
      [executionSignalChannel(run.id), EXECUTIONS_LIST_SIGNAL_CHANNEL].every(
        channel =>
          on(published, channel).some(
            m => m.type === 'ai-ops.execution.failed.v1',
          ),
      ),
    );
    const signals = on(published, executionSignalChannel(run.id));
    expect(signals.map(s => s.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(signals[3]).toMatchObject({
      type: 'ai-ops.step.succeeded.v1',
      executionId: run.id,
      step: {
        stepId: 'classify',
        attempt: 1,
        status: 'succeeded',
        latencyMs: 120,
        costUsd: 0.02,
        tokens: { inputTokens: 10, outputTokens: 4 },
      },
    });
    expect(JSON.stringify(published)).not.toMatch(/secret|SECRET/);
    expect(
      published.every(
        p => (p as unknown as { recipients: unknown }).recipients !== undefined,
      ),
    ).toBe(true);
    expect(
      on(published, EXECUTIONS_LIST_SIGNAL_CHANNEL).map(s => s.type),
    ).toEqual([
      'ai-ops.execution.queued.v1',
      'ai-ops.execution.started.v1',
      'ai-ops.execution.paused.v1',
      'ai-ops.execution.failed.v1',
    ]);

    // Notifications through the catalog: team-a's member ana was asked to
    // approve; the owner (ana) and the starter (bob) learned of the failure.
    await until(
      'the notifications',
      async () => (await notificationsOf(server, ana)).length === 2,
    );
    expect(await notificationsOf(server, ana)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Approval requested: in-process / review',
          link: `/executions/runs/${run.id}`,
        }),
        expect.objectContaining({
          title: 'Run failed: in-process',
          link: `/executions/runs/${run.id}`,
        }),
      ]),
    );
    expect(await notificationsOf(server, bob)).toEqual([
      expect.objectContaining({ title: 'Run failed: in-process' }),
    ]);
    expect(await notificationsOf(server, carol)).toEqual([]);
  });

  it('lists the pending approvals the caller may decide', async () => {
    const knex = await databases.init('POSTGRES_15');
    const { server } = await startReplica(knex, {});
    const run = await runThatPausesThenFails(knex, 'inbox');
    const inbox = async (user: string) =>
      (
        await request(server)
          .get('/api/executions/approvals')
          .query({ state: 'pending' })
          .set('Authorization', mockCredentials.user.header(user))
          .expect(200)
      ).body;
    expect(await inbox(ana)).toEqual({
      items: [
        expect.objectContaining({
          executionId: run.id,
          workflowRef: 'aiworkflow:default/inbox',
          owner: 'group:default/team-a',
          createdBy: bob,
          approval: expect.objectContaining({
            stepId: 'review',
            kind: 'approval',
          }),
        }),
      ],
      totalItems: 1,
    });
    // bob started the run but is no approver of it.
    expect(await inbox(bob)).toEqual({ items: [], totalItems: 0 });
    await request(server)
      .get('/api/executions/approvals')
      .set('Authorization', mockCredentials.user.header(ana))
      .expect(400);
    await request(server)
      .get('/api/executions/approvals?state=pending')
      .set('Authorization', mockCredentials.user.invalidHeader())
      .expect(401);
    await run.fail();
    expect(await inbox(ana)).toEqual({ items: [], totalItems: 0 });
  });

  it('over RabbitMQ: every replica signals every event to its browsers, the history keeps each once', async () => {
    const knex = await databases.init('POSTGRES_15');
    const tag = crypto.randomUUID().slice(0, 8);
    const exchange = `ai-ops.executions.test-${tag}`;
    const historyQueue = `ai-ops.executions.history.test-${tag}`;
    const config = {
      executions: {
        events: { rabbitmq: { url: BROKER_URL, exchange, historyQueue } },
      },
    };
    const admin = await connect(BROKER_URL);
    const channel = await admin.createChannel();
    try {
      // Two replicas on one database: both relay the outbox and consume.
      const one = await startReplica(knex, config);
      const two = await startReplica(knex, config);
      const run = await runThatPausesThenFails(knex, 'replicas');
      await run.fail();
      // Each replica signals every event to its own browsers once, in
      // order, though both replicas' relays may publish the same rows.
      for (const replica of [one, two]) {
        const runChannel = executionSignalChannel(run.id);
        await until('the failure signal', () =>
          on(replica.published, runChannel).some(
            m => m.type === 'ai-ops.execution.failed.v1',
          ),
        );
        expect(on(replica.published, runChannel).map(m => m.sequence)).toEqual([
          1, 2, 3, 4, 5, 6, 7,
        ]);
      }
      await until('the history', async () => {
        const res = await request(one.server)
          .get(`/api/executions/executions/${run.id}/events`)
          .set('Authorization', mockCredentials.user.header(carol));
        return res.body.items?.length === UNTIL_PAUSED + 1;
      });
      const stored = await knex('execution_events').where({
        execution_id: run.id,
      });
      expect(stored.map(r => Number(r.sequence)).sort((a, b) => a - b)).toEqual(
        [1, 2, 3, 4, 5, 6, 7],
      );
      // Both replicas serve the same history.
      const fromTwo = await request(two.server)
        .get(`/api/executions/executions/${run.id}/events`)
        .set('Authorization', mockCredentials.user.header(carol))
        .expect(200);
      expect(fromTwo.body.items).toHaveLength(7);
    } finally {
      await channel.deleteQueue(historyQueue).catch(() => undefined);
      await channel.deleteExchange(exchange).catch(() => undefined);
      await admin.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DatabaseExecutionEventHistory,
  DatabaseExecutionMetrics,
  DatabaseExecutionRetention,
  DatabaseExecutionStore,
} from '@ai-ops/plugin-executions-node';
import { scheduleIdOf } from '@ai-ops/plugin-executions-workflows';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import request from 'supertest';
import { ScheduleSync } from '../temporal/ScheduleSync';
import { ExecutionRunner } from '../temporal/TemporalRunner';
import { ExecutionStarter } from './ExecutionStarter';
import { createRouter } from './router';
import { TriggerRecord, TriggerSource } from './TriggerSource';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A task queue of this test only: no worker polls it, other deployments' schedules are left alone. */
const taskQueue = `trigger-schedule-test-${randomUUID()}`;

const WORKFLOW = 'aiworkflow:default/report';
const SECRET_WORKFLOW = 'aiworkflow:default/payroll';

const trigger = (id: string, rest: Partial<TriggerRecord>): TriggerRecord => ({
  id,
  type: 'schedule',
  workflow: WORKFLOW,
  // 9:30 on weekdays in Berlin.
  cron: '30 9 * * 1-5',
  timezone: 'Europe/Berlin',
  label: 'production',
  enabled: true,
  hasSecret: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...rest,
});

/** Trigger ids of this run, so that concurrent runs never share a schedule. */
const ACTIVE = randomUUID();
const DISABLED = randomUUID();
const UNSYNCED = randomUUID();
const SECRET = randomUUID();
const WEBHOOK = randomUUID();

const all = [
  trigger(ACTIVE, {}),
  trigger(DISABLED, { enabled: false, cron: '0 6 * * *' }),
  trigger(UNSYNCED, { cron: '0 12 * * *' }),
  trigger(SECRET, { workflow: SECRET_WORKFLOW }),
  trigger(WEBHOOK, { type: 'webhook', cron: undefined, hasSecret: true }),
];

/** What the Temporal Schedules are made from: every schedule but UNSYNCED. */
const synced = all.filter(t => t.type === 'schedule' && t.id !== UNSYNCED);

describe('GET /triggers/{triggerId}/schedule against the local Temporal server', () => {
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: '127.0.0.1:7233' });
    client = new Client({ connection, namespace: 'ai-ops' });
    // The schedules as the plugin makes them.
    const sync = new ScheduleSync({
      client: async () => client,
      triggers: { listSchedules: async () => synced },
      taskQueue,
      logger: mockServices.logger.mock(),
    });
    const { created } = await sync.sync();
    if (created.length !== synced.length) {
      throw new Error(
        `ScheduleSync created ${created.join(
          ', ',
        )} instead of a schedule for each of ${synced
          .map(t => t.id)
          .join(', ')}`,
      );
    }
  });

  afterAll(async () => {
    // Nothing to clean up when the server could not be reached.
    if (!connection) return;
    for (const t of all) {
      await client.schedule
        .getHandle(scheduleIdOf(t.id))
        .delete()
        .catch(() => undefined);
    }
    await connection.close();
  });

  /**
   * The plugin's router over SQLite, the triggers above and the local
   * Temporal server; `denyResources` names `<permission>@<resourceRef>`
   * pairs that are denied.
   */
  async function setup(
    options: {
      denyResources?: string[];
      temporalClient?: () => Promise<Client>;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const store = await DatabaseExecutionStore.create({ database });
    const authorizeRequests: Array<{ name: string; resourceRef?: string }> = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => {
          const resourceRef = (r as { resourceRef?: string }).resourceRef;
          authorizeRequests.push({ name: r.permission.name, resourceRef });
          const denied =
            isResourcePermission(r.permission) &&
            options.denyResources?.includes(
              `${r.permission.name}@${resourceRef}`,
            );
          return {
            result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
          };
        }),
    });
    const triggers: jest.Mocked<TriggerSource> = {
      verify: jest.fn(async (_id, _credential) => undefined),
      get: jest.fn(async id => all.find(t => t.id === id)),
      listSchedules: jest.fn(async () => synced),
    };
    // Nothing here starts, cancels or queries runs.
    const runner: ExecutionRunner = {
      start: jest.fn(),
      cancel: jest.fn(),
      outcome: jest.fn(async () => ({ state: 'open' as const })),
      queryState: jest.fn(async () => undefined),
      decideApproval: jest.fn(),
    };
    const app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        auditor: mockServices.auditor.mock(),
        userInfo: mockServices.userInfo(),
        store,
        runner,
        starter: new ExecutionStarter({
          store,
          runner,
          logger: mockServices.logger.mock(),
        }),
        resolver: { resolve: jest.fn() },
        triggers,
        temporalClient: options.temporalClient ?? (async () => client),
        auth: mockServices.auth(),
        history: await DatabaseExecutionEventHistory.create({ database }),
        metrics: await DatabaseExecutionMetrics.create({ database }),
        retention: await DatabaseExecutionRetention.create({
          database,
          defaultDays: 30,
        }),
        componentSchemas: { inputSchema: async () => ({}) },
      }),
    );
    app.use(mockErrorHandler());
    return { app, triggers, authorizeRequests };
  }

  const schedule = (app: express.Express, id: string) =>
    request(app).get(`/triggers/${id}/schedule`);

  /** Weekday and time of day of an instant in Berlin, e.g. `Mon 09:30`. */
  const inBerlin = (iso: string) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(iso));
    const part = (type: string) => parts.find(p => p.type === type)?.value;
    return `${part('weekday')} ${part('hour')}:${part('minute')}`;
  };

  it('answers the next five fire times of a schedule, in its time zone', async () => {
    const { app, authorizeRequests } = await setup();
    const before = Date.now();
    const res = await schedule(app, ACTIVE).expect(200);
    expect(res.body).toEqual({
      triggerId: ACTIVE,
      scheduleId: `ai-ops-trigger-${ACTIVE}`,
      paused: false,
      nextFireTimes: expect.any(Array),
    });
    const times: string[] = res.body.nextFireTimes;
    expect(times).toHaveLength(5);
    for (const time of times) {
      expect(new Date(time).toISOString()).toBe(time);
      expect(Date.parse(time)).toBeGreaterThan(before);
      expect(inBerlin(time)).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:30$/);
    }
    // Soonest first, one firing a day at most.
    for (let i = 1; i < times.length; i++) {
      expect(Date.parse(times[i]) - Date.parse(times[i - 1])).toBeGreaterThan(
        23 * 3_600_000,
      );
    }
    // Read permission on the trigger's workflow decides.
    expect(authorizeRequests).toEqual([
      { name: 'workflows.workflow.read', resourceRef: WORKFLOW },
    ]);
  });

  it('answers paused, with no fire times, for a disabled trigger', async () => {
    const { app } = await setup();
    const res = await schedule(app, DISABLED).expect(200);
    expect(res.body).toEqual({
      triggerId: DISABLED,
      scheduleId: scheduleIdOf(DISABLED),
      paused: true,
      nextFireTimes: [],
    });
  });

  it('answers 404 naming the trigger when it is unknown, a webhook, or not in Temporal yet', async () => {
    const { app } = await setup();
    const unknown = randomUUID();
    const missing = await schedule(app, unknown).expect(404);
    expect(missing.body.error.message).toBe(
      `triggerId: no trigger '${unknown}'`,
    );

    const webhook = await schedule(app, WEBHOOK).expect(404);
    expect(webhook.body.error.message).toBe(
      `triggerId: '${WEBHOOK}' is a webhook trigger; it has no schedule`,
    );

    const unsynced = await schedule(app, UNSYNCED).expect(404);
    expect(unsynced.body.error).toMatchObject({
      name: 'NotFoundError',
      message: `triggerId: the schedule of trigger '${UNSYNCED}' is not in Temporal yet; it is created within 30 seconds of the trigger being saved`,
    });
  });

  it("answers 403 to callers who may not read the trigger's workflow, 401 without credentials", async () => {
    const { app, triggers } = await setup({
      denyResources: [`workflows.workflow.read@${SECRET_WORKFLOW}`],
    });
    const denied = await schedule(app, SECRET).expect(403);
    expect(denied.body.error.message).toBe(
      `You may not read the triggers of ${SECRET_WORKFLOW} (workflows.workflow.read)`,
    );
    // The same caller reads the schedules of the workflows it may read.
    await schedule(app, ACTIVE).expect(200);

    triggers.get.mockClear();
    await schedule(app, ACTIVE)
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    // Nothing about the trigger is looked up for an anonymous caller.
    expect(triggers.get).not.toHaveBeenCalled();
  });

  it('answers 400 for an id longer than a trigger id, 503 when Temporal is unreachable', async () => {
    const { app } = await setup({
      temporalClient: async () => {
        throw new ServiceUnavailableError('Temporal is not reachable');
      },
    });
    const long = await schedule(app, 'x'.repeat(65)).expect(400);
    expect(long.body.error.message).toMatch(/triggerId/);
    const down = await schedule(app, ACTIVE).expect(503);
    expect(down.body.error.message).toBe('Temporal is not reachable');
  });
});

import { randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import {
  scheduleIdOf,
  SCHEDULED_TRIGGER_WORKFLOW_TYPE,
} from '@ai-ops/plugin-executions-workflows';
import { TriggerRecord } from '../service/TriggerSource';
import { ScheduleSync, temporalCron } from './ScheduleSync';

jest.setTimeout(60_000);

/** A task queue of this test only: no worker polls it, other deployments' schedules are left alone. */
const taskQueue = `schedule-sync-test-${randomUUID()}`;

describe('temporalCron', () => {
  it('gives Temporal a year field for expressions with seconds, and * for ?', () => {
    expect(temporalCron('0 9 * * MON-FRI')).toBe('0 9 * * MON-FRI');
    expect(temporalCron('0 30 6 * * SUN')).toBe('0 30 6 * * SUN *');
    expect(temporalCron('*/15 0 1,15 * ?')).toBe('*/15 0 1,15 * *');
    expect(temporalCron('@daily')).toBe('@daily');
  });
});

describe('ScheduleSync against the local Temporal server', () => {
  let connection: Connection;
  let client: Client;
  const triggerId = randomUUID();
  const scheduleId = scheduleIdOf(triggerId);
  let triggers: TriggerRecord[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: '127.0.0.1:7233' });
    client = new Client({ connection, namespace: 'ai-ops' });
  });

  afterAll(async () => {
    await client.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    await connection.close();
  });

  const trigger = (rest: Partial<TriggerRecord>): TriggerRecord => ({
    id: triggerId,
    type: 'schedule',
    workflow: 'aiworkflow:default/report',
    cron: '0 9 * * 1-5',
    timezone: 'Europe/Berlin',
    label: 'production',
    enabled: true,
    hasSecret: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...rest,
  });

  it('creates, pauses, updates, resumes and deletes the schedule of a trigger', async () => {
    const sync = new ScheduleSync({
      client: async () => client,
      triggers: { listSchedules: async () => triggers },
      taskQueue,
      logger: mockServices.logger.mock(),
    });
    const describe = () => client.schedule.getHandle(scheduleId).describe();

    triggers = [trigger({})];
    expect((await sync.sync()).created).toEqual([scheduleId]);
    let description = await describe();
    expect(description.state.paused).toBe(false);
    expect(description.spec.timezone).toBe('Europe/Berlin');
    expect(description.policies.overlap).toBe('SKIP');
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: SCHEDULED_TRIGGER_WORKFLOW_TYPE,
      taskQueue,
      args: [{ triggerId }],
    });
    const firstRun = description.info.nextActionTimes[0];
    // Nothing changed: nothing to do.
    expect(await sync.sync()).toEqual({
      created: [],
      updated: [],
      paused: [],
      resumed: [],
      deleted: [],
    });

    triggers = [trigger({ enabled: false })];
    expect((await sync.sync()).paused).toEqual([scheduleId]);
    expect((await describe()).state.paused).toBe(true);

    triggers = [trigger({ enabled: false, cron: '30 17 * * *' })];
    expect((await sync.sync()).updated).toEqual([scheduleId]);
    description = await describe();
    expect(description.state.paused).toBe(true);
    expect(description.action).toMatchObject({
      memo: { cron: '30 17 * * *', timezone: 'Europe/Berlin' },
    });
    expect(description.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 17, end: 17, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });
    expect(description.info.nextActionTimes[0]).not.toEqual(firstRun);

    triggers = [trigger({ cron: '30 17 * * *' })];
    expect((await sync.sync()).resumed).toEqual([scheduleId]);
    expect((await describe()).state.paused).toBe(false);

    // The trigger (or its workflow) is deleted.
    triggers = [];
    expect((await sync.sync()).deleted).toEqual([scheduleId]);
    await expect(describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('runs one requested pass at a time; requests made while one waits share it', async () => {
    let reads = 0;
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const sync = new ScheduleSync({
      client: async () => client,
      triggers: {
        listSchedules: async () => {
          reads += 1;
          if (reads === 1) await held;
          return [];
        },
      },
      taskQueue,
      logger: mockServices.logger.mock(),
    });
    const first = sync.requestSync();
    while (reads === 0) await new Promise(r => setTimeout(r, 10));
    // The first pass is running: these wait for it, and share one pass.
    const second = sync.requestSync();
    const third = sync.requestSync();
    expect(third).toBe(second);
    expect(reads).toBe(1);
    release();
    await Promise.all([first, second, third]);
    expect(reads).toBe(2);
    // A request after they finished is a pass of its own.
    await sync.requestSync();
    expect(reads).toBe(3);
  });

  it('deletes nothing when the triggers cannot be read', async () => {
    const sync = new ScheduleSync({
      client: async () => client,
      triggers: {
        listSchedules: async () => {
          throw new Error('workflows API down');
        },
      },
      taskQueue,
      logger: mockServices.logger.mock(),
    });
    await expect(sync.sync()).rejects.toThrow('workflows API down');
  });
});

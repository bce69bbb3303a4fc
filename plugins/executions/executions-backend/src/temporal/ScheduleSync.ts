import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Client,
  ScheduleDescription,
  ScheduleNotFoundError,
  ScheduleOptions,
  ScheduleOverlapPolicy,
  ScheduleUpdateOptions,
} from '@temporalio/client';
import {
  SCHEDULE_ID_PREFIX,
  scheduleIdOf,
  SCHEDULED_TRIGGER_WORKFLOW_TYPE,
  ScheduledTriggerArgs,
} from '@ai-ops/plugin-executions-workflows';
import { TriggerRecord, TriggerSource } from '../service/TriggerSource';

/** What one pass changed. */
export interface ScheduleSyncResult {
  created: string[];
  updated: string[];
  paused: string[];
  resumed: string[];
  deleted: string[];
}

/** Which version of the definition a schedule was made from (in the action's memo). */
interface ScheduleSource {
  cron: string;
  timezone: string;
  taskQueue: string;
}

/** How long a firing of `scheduledTrigger` may take (it only asks the API to start a run). */
const TRIGGER_WORKFLOW_TIMEOUT = '10m';
/** Firings missed by an outage shorter than this are caught up (once, with SKIP). */
const CATCHUP_WINDOW = '5m';

const DEFAULT_TIMEZONE = 'UTC';

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * A cron expression as Temporal reads it. The workflows API accepts five
 * fields, or six with a leading second; Temporal reads six fields as ending
 * with a year, so a seconds expression gets `*` for the year. `?` (no
 * specific day) is `*` for Temporal.
 */
export function temporalCron(cron: string): string {
  const text = cron.trim();
  if (text.startsWith('@')) return text;
  const fields = text.split(/\s+/).map(f => (f === '?' ? '*' : f));
  return fields.length === 6 ? [...fields, '*'].join(' ') : fields.join(' ');
}

/**
 * Keeps the Temporal Schedules of the console in line with the schedule
 * triggers stored by the workflows capability: one schedule per trigger
 * (`ai-ops-trigger-<triggerId>`), paused while the trigger is disabled,
 * updated when its cron or timezone changes, deleted when the trigger (or
 * its workflow) is gone. Temporal is the clock: each firing starts the
 * `scheduledTrigger` workflow, which asks the executions API to start the
 * real run. Overlapping firings are skipped.
 *
 * @internal
 */
export class ScheduleSync {
  /** Schedules this process made or saw, so deletions do not wait for Temporal's eventually consistent list. */
  private readonly known = new Set<string>();

  constructor(
    private readonly options: {
      client: () => Promise<Client>;
      triggers: Pick<TriggerSource, 'listSchedules'>;
      taskQueue: string;
      logger: LoggerService;
    },
  ) {}

  private sourceOf(trigger: TriggerRecord): ScheduleSource {
    return {
      cron: trigger.cron ?? '',
      timezone: trigger.timezone ?? DEFAULT_TIMEZONE,
      taskQueue: this.options.taskQueue,
    };
  }

  private definition(trigger: TriggerRecord): ScheduleUpdateOptions {
    const source = this.sourceOf(trigger);
    const args: ScheduledTriggerArgs = { triggerId: trigger.id };
    return {
      spec: {
        cronExpressions: [temporalCron(source.cron)],
        timezone: source.timezone,
      },
      action: {
        type: 'startWorkflow',
        workflowType: SCHEDULED_TRIGGER_WORKFLOW_TYPE,
        taskQueue: this.options.taskQueue,
        workflowId: scheduleIdOf(trigger.id),
        args: [args],
        memo: { ...source },
        workflowExecutionTimeout: TRIGGER_WORKFLOW_TIMEOUT,
      },
      policies: {
        overlap: ScheduleOverlapPolicy.SKIP,
        catchupWindow: CATCHUP_WINDOW,
        pauseOnFailure: false,
      },
      state: {
        paused: !trigger.enabled,
        note: trigger.enabled ? 'trigger enabled' : 'trigger disabled',
      },
    };
  }

  private upToDate(description: ScheduleDescription, trigger: TriggerRecord) {
    const { action } = description;
    if (action.type !== 'startWorkflow') return false;
    const memo = (action.memo ?? {}) as Partial<ScheduleSource>;
    const wanted = this.sourceOf(trigger);
    return (
      action.workflowType === SCHEDULED_TRIGGER_WORKFLOW_TYPE &&
      action.taskQueue === this.options.taskQueue &&
      memo.cron === wanted.cron &&
      memo.timezone === wanted.timezone &&
      memo.taskQueue === wanted.taskQueue
    );
  }

  /** The pass that has been asked for and has not begun yet. */
  private nextPass?: Promise<ScheduleSyncResult>;
  /** The pass running now, or the last one. */
  private lastPass: Promise<unknown> = Promise.resolve();

  /**
   * Asks for a pass (see {@link ScheduleSync.sync}), one at a time in this
   * process: a pass asked for while another runs begins after it, and asks
   * that come in before it begins share it, so a burst of trigger changes
   * costs at most one pass more.
   */
  requestSync(): Promise<ScheduleSyncResult> {
    if (this.nextPass) return this.nextPass;
    const pass = this.lastPass.then(() => {
      this.nextPass = undefined;
      return this.sync();
    });
    this.nextPass = pass;
    this.lastPass = pass.catch(() => undefined);
    return pass;
  }

  /** One pass: create, update, pause, resume and delete schedules. */
  async sync(): Promise<ScheduleSyncResult> {
    // Read the triggers first: when the workflows API cannot answer,
    // nothing is deleted.
    const triggers = await this.options.triggers.listSchedules();
    const client = await this.options.client();
    const result: ScheduleSyncResult = {
      created: [],
      updated: [],
      paused: [],
      resumed: [],
      deleted: [],
    };
    const wanted = new Map(triggers.map(t => [scheduleIdOf(t.id), t]));

    for (const [id, trigger] of wanted) {
      try {
        await this.syncOne(client, id, trigger, result);
        this.known.add(id);
      } catch (error) {
        this.options.logger.warn(
          `Could not sync the Temporal Schedule ${id} of trigger ${
            trigger.id
          } (${trigger.workflow}): ${messageOf(error)}`,
        );
      }
    }

    const existing = new Set(this.known);
    // Only schedules of this task queue: deployments that share a namespace
    // keep their own.
    for await (const summary of client.schedule.list()) {
      if (
        summary.scheduleId.startsWith(SCHEDULE_ID_PREFIX) &&
        summary.memo?.taskQueue === this.options.taskQueue
      ) {
        existing.add(summary.scheduleId);
      }
    }
    for (const id of existing) {
      if (wanted.has(id)) continue;
      try {
        await client.schedule.getHandle(id).delete();
        result.deleted.push(id);
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) {
          this.options.logger.warn(
            `Could not delete the Temporal Schedule ${id}: ${messageOf(error)}`,
          );
          continue;
        }
      }
      this.known.delete(id);
    }

    const changes = Object.entries(result).filter(([, ids]) => ids.length);
    if (changes.length) {
      this.options.logger.info(
        `Temporal Schedules synced: ${changes
          .map(([what, ids]) => `${what} ${ids.join(', ')}`)
          .join('; ')}`,
      );
    }
    return result;
  }

  private async syncOne(
    client: Client,
    id: string,
    trigger: TriggerRecord,
    result: ScheduleSyncResult,
  ) {
    const handle = client.schedule.getHandle(id);
    let description: ScheduleDescription | undefined;
    try {
      description = await handle.describe();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
    const definition = this.definition(trigger);
    if (!description) {
      const options: ScheduleOptions = {
        scheduleId: id,
        ...definition,
        memo: {
          triggerId: trigger.id,
          workflow: trigger.workflow,
          taskQueue: this.options.taskQueue,
        },
      };
      await client.schedule.create(options);
      result.created.push(id);
      return;
    }
    if (!this.upToDate(description, trigger)) {
      await handle.update(() => definition);
      result.updated.push(id);
      return;
    }
    if (description.state.paused === trigger.enabled) {
      if (trigger.enabled) {
        await handle.unpause('trigger enabled');
        result.resumed.push(id);
      } else {
        await handle.pause('trigger disabled');
        result.paused.push(id);
      }
    }
  }
}

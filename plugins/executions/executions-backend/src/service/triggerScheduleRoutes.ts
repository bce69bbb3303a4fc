import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { workflowReadPermission } from '@ai-ops/plugin-workflows-common';
import { scheduleIdOf } from '@ai-ops/plugin-executions-workflows';
import { Client, ScheduleNotFoundError } from '@temporalio/client';
import { ExecutionAccess } from './access';
import { ResourceAccess } from './resourceAccess';
import { ExecutionsRouter } from './routeContext';
import { TriggerSource } from './TriggerSource';

/** How many upcoming firings a schedule read answers. */
export const NEXT_FIRE_TIMES = 5;

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * `GET /triggers/{triggerId}/schedule`: when a schedule trigger fires next
 * and whether its Temporal Schedule is paused, from the schedule's
 * `describe()`, for callers who may read the trigger's workflow.
 */
export function addTriggerScheduleRoute(ctx: {
  router: ExecutionsRouter;
  access: ExecutionAccess;
  resources: ResourceAccess;
  triggers: TriggerSource;
  /** The Temporal client the schedules are read with (503 when unreachable). */
  temporalClient: () => Promise<Client>;
}) {
  const { router, access, resources, triggers, temporalClient } = ctx;

  router.get('/triggers/:triggerId/schedule', async (req, res) => {
    const { triggerId } = req.params;
    // 401 before anything about the trigger is looked up.
    await access.credentials(req);
    const trigger = await triggers.get(triggerId);
    if (!trigger) {
      throw new NotFoundError(`triggerId: no trigger '${triggerId}'`);
    }
    await resources.authorize(
      req,
      workflowReadPermission,
      trigger.workflow,
      'read the triggers',
    );
    if (trigger.type !== 'schedule') {
      throw new NotFoundError(
        `triggerId: '${triggerId}' is a ${trigger.type} trigger; it has no schedule`,
      );
    }

    const scheduleId = scheduleIdOf(trigger.id);
    const client = await temporalClient();
    let description;
    try {
      description = await client.schedule.getHandle(scheduleId).describe();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) {
        throw new NotFoundError(
          `triggerId: the schedule of trigger '${triggerId}' is not in Temporal yet; it is created within 30 seconds of the trigger being saved`,
        );
      }
      throw new ServiceUnavailableError(
        `Reading the Temporal Schedule ${scheduleId} failed: ${messageOf(
          error,
        )}`,
      );
    }
    const paused = description.state.paused;
    res.json({
      triggerId: trigger.id,
      scheduleId,
      paused,
      // A paused schedule fires nothing, whatever its calendar says.
      nextFireTimes: paused
        ? []
        : description.info.nextActionTimes
            .slice(0, NEXT_FIRE_TIMES)
            .map(time => time.toISOString()),
    });
  });
}

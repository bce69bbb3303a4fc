import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ApplicationFailure } from '@temporalio/common';
import type { ScheduleActivities } from '@ai-ops/plugin-executions-workflows';
import { serviceToken } from './ComponentInvocationClient';

/** The route of the executions API that starts a run of a schedule trigger. */
export const SCHEDULE_RUNS_PATH = '/internal/schedule-runs';

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return JSON.parse(text)?.error?.message ?? text;
  } catch {
    return text || response.statusText;
  }
}

/**
 * The activity of the `scheduledTrigger` workflow: `POST
 * /internal/schedule-runs` of the executions API with a service token of the
 * worker, so a scheduled run is started like any other (fresh run record and
 * snapshot, input validation, concurrency queue).
 *
 * A trigger that is gone, disabled or no longer a schedule (404, 409) skips
 * the firing; a refusal that will not change on retry (400, 403) fails it
 * without retries (`ScheduledRunRefused`); anything else is retried.
 *
 * @public
 */
export function createScheduleActivities(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}): ScheduleActivities {
  const { discovery, auth } = options;
  return {
    async startScheduledRun({ triggerId, idempotencyKey }) {
      const doFetch = options.fetch ?? fetch;
      let response: Response;
      try {
        const baseUrl = await discovery.getBaseUrl('executions');
        response = await doFetch(`${baseUrl}${SCHEDULE_RUNS_PATH}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await serviceToken(auth, 'executions')}`,
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify({ triggerId }),
        });
      } catch (error) {
        throw ApplicationFailure.create({
          type: 'ServiceUnavailable',
          message: `The executions API is not reachable: ${
            (error as Error).message
          }`,
          nonRetryable: false,
        });
      }
      if (response.status === 202) {
        const body = (await response.json()) as { id: string };
        return { executionId: body.id };
      }
      const message = await errorMessage(response);
      if (response.status === 404 || response.status === 409) {
        return { skipped: message };
      }
      throw ApplicationFailure.create({
        type:
          response.status === 400 || response.status === 403
            ? 'ScheduledRunRefused'
            : 'ServiceUnavailable',
        message: `Starting the run of trigger ${triggerId} failed: ${response.status} ${message}`,
        nonRetryable: response.status === 400 || response.status === 403,
      });
    },
  };
}

// openapi-fetch names its methods after the HTTP verbs (client.GET, client.POST).
/* eslint-disable new-cap */
import {
  ApiClient,
  ApiClientOptions,
  openApiClient,
  unwrap,
} from '@ai-ops/openapi-client';
import type { components, paths } from './generated/openapi';

/** A run as the API shows it. @public */
export type ExecutionDto = components['schemas']['Execution'];
/** @public */
export type ExecutionListDto = components['schemas']['ExecutionList'];
/** @public */
export type StepAttemptDto = components['schemas']['StepAttempt'];
/** @public */
export type StartExecutionRequest =
  components['schemas']['StartExecutionRequest'];
/** @public */
export type RerunExecutionRequest =
  components['schemas']['RerunExecutionRequest'];
/** @public */
export type ApprovalRequest = components['schemas']['ApprovalRequest'];
/** @public */
export type ApprovalResultDto = components['schemas']['ApprovalResult'];
/** What a start, resume, re-run or cancel answers: the run's id and status. @public */
export type ExecutionAcceptedDto = components['schemas']['Accepted'];
/** @public */
export type ListExecutionsQuery = NonNullable<
  paths['/executions']['get']['parameters']['query']
>;
/** @public */
export type StepDetailDto = components['schemas']['StepDetail'];
/** @public */
export type StepAttemptDetailDto = components['schemas']['StepAttemptDetail'];
/** @public */
export type StepAttemptListDto = components['schemas']['StepAttemptList'];
/** @public */
export type MetricsDto = components['schemas']['Metrics'];
/** @public */
export type MetricsBucketDto = components['schemas']['MetricsBucket'];
/** @public */
export type RetentionPolicyDto = components['schemas']['RetentionPolicy'];
/** @public */
export type RunEstimateDto = components['schemas']['RunEstimate'];
/** @public */
export type MetricsQuery = NonNullable<
  paths['/metrics/workflows/{namespace}/{name}']['get']['parameters']['query']
>;
/** A page of a run's stored lifecycle events, in sequence order. @public */
export type ExecutionEventListDto = components['schemas']['ExecutionEventList'];
/** "My approvals": runs waiting for a decision the caller may make. @public */
export type ApprovalInboxDto = components['schemas']['ApprovalInbox'];
/** @public */
export type ApprovalInboxItemDto = components['schemas']['ApprovalInboxItem'];
/** When a schedule trigger fires next, from its Temporal Schedule. @public */
export type TriggerScheduleDto = components['schemas']['TriggerSchedule'];
/** @public */
export type StepDetailQuery = NonNullable<
  paths['/executions/{id}/steps/{stepId}']['get']['parameters']['query']
>;

/**
 * Typed client of the executions API, generated from its OpenAPI contract
 * (`src/generated/openapi.ts`). Works in browsers (with Backstage's fetchApi)
 * and in Node (with a fetch that adds a token).
 *
 * @public
 */
export class ExecutionsClient {
  private readonly client: () => Promise<ApiClient<paths>>;

  constructor(options: ApiClientOptions) {
    this.client = openApiClient<paths>(options);
  }

  /**
   * Starts a run (or queues it behind the workflow's concurrency limit). With
   * an idempotency key, a retry returns the first run and starts nothing.
   */
  async startExecution(
    body: StartExecutionRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<ExecutionAcceptedDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/executions', {
        body,
        params: {
          header: options.idempotencyKey
            ? { 'Idempotency-Key': options.idempotencyKey }
            : {},
        },
      }),
    );
  }

  /**
   * Runs, newest first, filtered (e.g. `triggerId`: the runs a schedule or
   * webhook trigger started) and paged by cursor.
   */
  async listExecutions(
    query: ListExecutionsQuery = {},
  ): Promise<ExecutionListDto> {
    const client = await this.client();
    return unwrap(client.GET('/executions', { params: { query } }));
  }

  /** A run, with the interpreter's live state while it runs. */
  async getExecution(id: string): Promise<ExecutionDto> {
    const client = await this.client();
    return unwrap(client.GET('/executions/{id}', { params: { path: { id } } }));
  }

  /**
   * Every attempt of a run, following the pages; for long runs page with
   * {@link ExecutionsClient.listStepsPage} instead.
   */
  async listSteps(id: string): Promise<StepAttemptDto[]> {
    const items: StepAttemptDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listStepsPage(id, {
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** A page of a run's step attempts (for runs with thousands of steps). */
  async listStepsPage(
    id: string,
    query: { limit?: number; cursor?: string } = {},
  ): Promise<StepAttemptListDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/executions/{id}/steps', {
        params: { path: { id }, query },
      }),
    );
  }

  /**
   * The stored lifecycle events of a run with a sequence after `after`, in
   * sequence order; `nextAfter` is set when more follow.
   */
  async listExecutionEvents(
    id: string,
    query: { after?: number; limit?: number } = {},
  ): Promise<ExecutionEventListDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/executions/{id}/events', {
        params: { path: { id }, query },
      }),
    );
  }

  /** The runs waiting for a decision the caller may make, oldest request first. */
  async listMyApprovals(): Promise<ApprovalInboxDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/approvals', { params: { query: { state: 'pending' } } }),
    );
  }

  /** One step with its iterations and attempts, secrets masked. */
  async getStep(
    id: string,
    stepId: string,
    query: StepDetailQuery = {},
  ): Promise<StepDetailDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/executions/{id}/steps/{stepId}', {
        params: { path: { id, stepId }, query },
      }),
    );
  }

  /**
   * When a schedule trigger fires next (at most 5 times) and whether its
   * Temporal Schedule is paused. A 404 (ResponseError) for an unknown or
   * webhook trigger, and for a schedule not yet in Temporal.
   */
  async getTriggerSchedule(triggerId: string): Promise<TriggerScheduleDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/triggers/{triggerId}/schedule', {
        params: { path: { triggerId } },
      }),
    );
  }

  async pinExecution(id: string): Promise<{ id: string; pinned: boolean }> {
    const client = await this.client();
    return unwrap(
      client.POST('/executions/{id}/pin', { params: { path: { id } } }),
    );
  }

  async unpinExecution(id: string): Promise<{ id: string; pinned: boolean }> {
    const client = await this.client();
    return unwrap(
      client.DELETE('/executions/{id}/pin', { params: { path: { id } } }),
    );
  }

  async getWorkflowMetrics(
    key: { namespace: string; name: string },
    query: MetricsQuery = {},
  ): Promise<MetricsDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/metrics/workflows/{namespace}/{name}', {
        params: { path: key, query },
      }),
    );
  }

  async getComponentMetrics(
    key: { namespace: string; name: string },
    query: MetricsQuery = {},
  ): Promise<MetricsDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/metrics/components/{namespace}/{name}', {
        params: { path: key, query },
      }),
    );
  }

  async getRunEstimate(
    key: { namespace: string; name: string },
    query: { version?: number; days?: number } = {},
  ): Promise<RunEstimateDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/estimates/workflows/{namespace}/{name}', {
        params: { path: key, query },
      }),
    );
  }

  async getWorkflowRetention(key: {
    namespace: string;
    name: string;
  }): Promise<RetentionPolicyDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/retention/workflows/{namespace}/{name}', {
        params: { path: key },
      }),
    );
  }

  async putWorkflowRetention(
    key: { namespace: string; name: string },
    days: number,
  ): Promise<RetentionPolicyDto> {
    const client = await this.client();
    return unwrap(
      client.PUT('/retention/workflows/{namespace}/{name}', {
        params: { path: key },
        body: { days },
      }),
    );
  }

  async deleteWorkflowRetention(key: {
    namespace: string;
    name: string;
  }): Promise<RetentionPolicyDto> {
    const client = await this.client();
    return unwrap(
      client.DELETE('/retention/workflows/{namespace}/{name}', {
        params: { path: key },
      }),
    );
  }

  async cancelExecution(id: string): Promise<ExecutionAcceptedDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/executions/{id}/cancel', { params: { path: { id } } }),
    );
  }

  async decideApproval(
    id: string,
    body: ApprovalRequest,
  ): Promise<ApprovalResultDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/executions/{id}/approvals', {
        params: { path: { id } },
        body,
      }),
    );
  }

  /** A new run that reuses the outputs of every step that succeeded in `id`. */
  async resumeExecution(
    id: string,
    options: { idempotencyKey?: string } = {},
  ): Promise<ExecutionAcceptedDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/executions/{id}/resume', {
        params: {
          path: { id },
          header: options.idempotencyKey
            ? { 'Idempotency-Key': options.idempotencyKey }
            : {},
        },
      }),
    );
  }

  /** A new run from `fromStepId`, reusing the outputs of the steps before it. */
  async rerunExecution(
    id: string,
    body: RerunExecutionRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<ExecutionAcceptedDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/executions/{id}/rerun', {
        params: {
          path: { id },
          header: options.idempotencyKey
            ? { 'Idempotency-Key': options.idempotencyKey }
            : {},
        },
        body,
      }),
    );
  }
}

// openapi-fetch names its methods after the HTTP verbs (client.GET, client.POST).
/* eslint-disable new-cap */
import createClient from 'openapi-fetch';
import { ResponseError } from '@backstage/errors';
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

/**
 * Typed client of the executions API, generated from its OpenAPI contract
 * (`src/generated/openapi.ts`). Works in browsers (with Backstage's fetchApi)
 * and in Node (with a fetch that adds a token).
 *
 * @public
 */
export class ExecutionsClient {
  constructor(
    private readonly options: {
      /** The plugin's base URL, e.g. from discoveryApi.getBaseUrl('executions'). */
      getBaseUrl(): Promise<string>;
      /** Defaults to the global fetch; in a Backstage app, fetchApi.fetch. */
      fetch?: (url: string, init?: RequestInit) => Promise<Response>;
    },
  ) {}

  private async client() {
    return createClient<paths>({
      baseUrl: await this.options.getBaseUrl(),
      fetch: request => this.send(request),
    });
  }

  /**
   * Passes a request on as a URL and a plain init, and turns an error status
   * into a `ResponseError` before anything reads the body, so the server's
   * message (which names the field) is kept.
   */
  private async send(request: Request): Promise<Response> {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const response = await (this.options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.text() : undefined,
      signal: request.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async unwrap<T>(
    call: Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    return (await call).data as T;
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
    return this.unwrap(
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

  async listExecutions(
    query: ListExecutionsQuery = {},
  ): Promise<ExecutionListDto> {
    const client = await this.client();
    return this.unwrap(client.GET('/executions', { params: { query } }));
  }

  /** A run, with the interpreter's live state while it runs. */
  async getExecution(id: string): Promise<ExecutionDto> {
    const client = await this.client();
    return this.unwrap(
      client.GET('/executions/{id}', { params: { path: { id } } }),
    );
  }

  async listSteps(id: string): Promise<StepAttemptDto[]> {
    const client = await this.client();
    return (
      await this.unwrap(
        client.GET('/executions/{id}/steps', { params: { path: { id } } }),
      )
    ).items;
  }

  async cancelExecution(id: string): Promise<ExecutionAcceptedDto> {
    const client = await this.client();
    return this.unwrap(
      client.POST('/executions/{id}/cancel', { params: { path: { id } } }),
    );
  }

  async decideApproval(
    id: string,
    body: ApprovalRequest,
  ): Promise<ApprovalResultDto> {
    const client = await this.client();
    return this.unwrap(
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
    return this.unwrap(
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
    return this.unwrap(
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

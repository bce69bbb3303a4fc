import {
  ApiClient,
  ApiClientOptions,
  openApiClient,
  unwrap,
} from '@ai-ops/openapi-client';
import type { components, paths } from './generated/openapi';

/** @public */
export type WorkflowSummaryDto = components['schemas']['WorkflowSummary'];
/** @public */
export type WorkflowDto = components['schemas']['Workflow'];
/** @public */
export type WorkflowListDto = components['schemas']['WorkflowList'];
/** @public */
export type WorkflowSaveResult = components['schemas']['SaveResult'];
/** @public */
export type WorkflowVersionSummaryDto = components['schemas']['VersionSummary'];
/** @public */
export type WorkflowVersionDto = components['schemas']['Version'];
/** @public */
export type WorkflowDiffDto = components['schemas']['Diff'];
/** @public */
export type WorkflowLabelEventDto = components['schemas']['LabelEvent'];
/** @public */
export type WorkflowTriggerDto = components['schemas']['Trigger'];
/** @public */
export type WorkflowTriggerInputDto = components['schemas']['TriggerInput'];
/** A trigger as created or replaced: a new webhook secret is in `secret`, shown once. @public */
export type WorkflowCreatedTriggerDto = components['schemas']['CreatedTrigger'];
/** A trigger with its new secret, shown once. @public */
export type WorkflowTriggerWithSecretDto =
  components['schemas']['TriggerWithSecret'];
/** A trigger with its workflow ref, as backend services see it. @public */
export type WorkflowTriggerRecordDto = components['schemas']['TriggerRecord'];
/** What proves a webhook call knows its trigger's secret. @public */
export type WorkflowTriggerVerificationDto =
  components['schemas']['TriggerVerification'];
/** @public */
export type WorkflowTriggerVerificationResultDto =
  components['schemas']['TriggerVerificationResult'];
/** @public */
export type WorkflowValidationResultDto =
  components['schemas']['ValidationResult'];
/** @public */
export type WorkflowDocumentInput = components['schemas']['DocumentInput'];
/** @public */
export type ListWorkflowsQuery = NonNullable<
  paths['/workflows']['get']['parameters']['query']
>;

/** @public */
export interface WorkflowKey {
  namespace: string;
  name: string;
}

/**
 * Typed client of the workflows API, generated from its OpenAPI contract
 * (`src/generated/openapi.ts`). Works in browsers (with Backstage's fetchApi)
 * and in Node (with a fetch that adds a token).
 *
 * @public
 */
export class WorkflowsClient {
  private readonly client: () => Promise<ApiClient<paths>>;

  constructor(options: ApiClientOptions) {
    this.client = openApiClient<paths>(options);
  }

  async validate(
    body: WorkflowDocumentInput,
  ): Promise<WorkflowValidationResultDto> {
    const client = await this.client();
    return unwrap(client.POST('/validate', { body }));
  }

  async listWorkflows(
    query: ListWorkflowsQuery = {},
  ): Promise<WorkflowListDto> {
    const client = await this.client();
    return unwrap(client.GET('/workflows', { params: { query } }));
  }

  async getWorkflow(key: WorkflowKey): Promise<WorkflowDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/workflows/{namespace}/{name}', { params: { path: key } }),
    );
  }

  async createWorkflow(body: WorkflowDocumentInput): Promise<WorkflowDto> {
    const client = await this.client();
    return unwrap(client.POST('/workflows', { body }));
  }

  async saveWorkflow(
    key: WorkflowKey,
    body: WorkflowDocumentInput,
  ): Promise<WorkflowSaveResult> {
    const client = await this.client();
    return unwrap(
      client.PUT('/workflows/{namespace}/{name}', {
        params: { path: key },
        body,
      }),
    );
  }

  async importWorkflow(
    body: WorkflowDocumentInput,
  ): Promise<WorkflowSaveResult> {
    const client = await this.client();
    return unwrap(client.POST('/import', { body }));
  }

  async deleteWorkflow(key: WorkflowKey): Promise<void> {
    const client = await this.client();
    await client.DELETE('/workflows/{namespace}/{name}', {
      params: { path: key },
    });
  }

  /** The YAML text of the newest version, or of a version or label. */
  async exportWorkflow(
    key: WorkflowKey,
    query: { version?: number; label?: string } = {},
  ): Promise<string> {
    const client = await this.client();
    const { response } = await client.GET(
      '/workflows/{namespace}/{name}/export',
      {
        params: { path: key, query },
        parseAs: 'stream',
      },
    );
    return response.text();
  }

  async listVersions(key: WorkflowKey): Promise<WorkflowVersionSummaryDto[]> {
    const client = await this.client();
    return (
      await unwrap(
        client.GET('/workflows/{namespace}/{name}/versions', {
          params: { path: key },
        }),
      )
    ).items;
  }

  async getVersion(
    key: WorkflowKey,
    version: number,
  ): Promise<WorkflowVersionDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/workflows/{namespace}/{name}/versions/{version}', {
        params: { path: { ...key, version } },
      }),
    );
  }

  async restoreVersion(
    key: WorkflowKey,
    version: number,
    message?: string,
  ): Promise<WorkflowSaveResult> {
    const client = await this.client();
    return unwrap(
      client.POST('/workflows/{namespace}/{name}/versions/{version}/restore', {
        params: { path: { ...key, version } },
        body: message ? { message } : {},
      }),
    );
  }

  async diff(
    key: WorkflowKey,
    from: number,
    to: number,
  ): Promise<WorkflowDiffDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/workflows/{namespace}/{name}/diff', {
        params: { path: key, query: { from, to } },
      }),
    );
  }

  async setLabel(
    key: WorkflowKey,
    label: string,
    version: number,
  ): Promise<WorkflowDto> {
    const client = await this.client();
    return unwrap(
      client.PUT('/workflows/{namespace}/{name}/labels/{label}', {
        params: { path: { ...key, label } },
        body: { version },
      }),
    );
  }

  async removeLabel(key: WorkflowKey, label: string): Promise<WorkflowDto> {
    const client = await this.client();
    return unwrap(
      client.DELETE('/workflows/{namespace}/{name}/labels/{label}', {
        params: { path: { ...key, label } },
      }),
    );
  }

  async labelHistory(key: WorkflowKey): Promise<WorkflowLabelEventDto[]> {
    const client = await this.client();
    return (
      await unwrap(
        client.GET('/workflows/{namespace}/{name}/labels', {
          params: { path: key },
        }),
      )
    ).items;
  }

  async listTriggers(key: WorkflowKey): Promise<WorkflowTriggerDto[]> {
    const client = await this.client();
    return (
      await unwrap(
        client.GET('/workflows/{namespace}/{name}/triggers', {
          params: { path: key },
        }),
      )
    ).items;
  }

  async createTrigger(
    key: WorkflowKey,
    body: WorkflowTriggerInputDto,
  ): Promise<WorkflowCreatedTriggerDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/workflows/{namespace}/{name}/triggers', {
        params: { path: key },
        body,
      }),
    );
  }

  async updateTrigger(
    key: WorkflowKey,
    triggerId: string,
    body: WorkflowTriggerInputDto,
  ): Promise<WorkflowCreatedTriggerDto> {
    const client = await this.client();
    return unwrap(
      client.PUT('/workflows/{namespace}/{name}/triggers/{triggerId}', {
        params: { path: { ...key, triggerId } },
        body,
      }),
    );
  }

  async deleteTrigger(key: WorkflowKey, triggerId: string): Promise<void> {
    const client = await this.client();
    await client.DELETE('/workflows/{namespace}/{name}/triggers/{triggerId}', {
      params: { path: { ...key, triggerId } },
    });
  }

  /** Gives a webhook trigger a new secret; the answer carries it, once. */
  async rotateTriggerSecret(
    key: WorkflowKey,
    triggerId: string,
  ): Promise<WorkflowTriggerWithSecretDto> {
    const client = await this.client();
    return unwrap(
      client.POST(
        '/workflows/{namespace}/{name}/triggers/{triggerId}/rotate-secret',
        { params: { path: { ...key, triggerId } } },
      ),
    );
  }

  /** Every trigger (of a type) with its workflow; service tokens only. */
  async listAllTriggers(
    type?: WorkflowTriggerDto['type'],
  ): Promise<WorkflowTriggerRecordDto[]> {
    const client = await this.client();
    return (
      await unwrap(
        client.GET('/triggers', { params: { query: type ? { type } : {} } }),
      )
    ).items;
  }

  /** A trigger by id with its workflow; service tokens only. */
  async getTrigger(triggerId: string): Promise<WorkflowTriggerRecordDto> {
    const client = await this.client();
    return unwrap(
      client.GET('/triggers/{triggerId}', {
        params: { path: { triggerId } },
      }),
    );
  }

  /** Whether a webhook call knows its trigger's secret; service tokens only. */
  async verifyTrigger(
    triggerId: string,
    body: WorkflowTriggerVerificationDto,
  ): Promise<WorkflowTriggerVerificationResultDto> {
    const client = await this.client();
    return unwrap(
      client.POST('/triggers/{triggerId}/verify', {
        params: { path: { triggerId } },
        body,
      }),
    );
  }

  /** Workflows (the caller may read) whose newest version uses a component. */
  async usage(component: string) {
    const client = await this.client();
    return (
      await unwrap(client.GET('/usage', { params: { query: { component } } }))
    ).items;
  }
}

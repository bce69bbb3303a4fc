import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import {
  WorkflowsClient,
  WorkflowTriggerRecordDto,
} from '@ai-ops/plugin-workflows-common';

/** A trigger with its workflow ref, as the workflows API gives it to services. */
export type TriggerRecord = WorkflowTriggerRecordDto;

/** How a webhook call proves it knows its trigger's secret. */
export type WebhookCredential =
  | { secret: string }
  | {
      /** Hex HMAC-SHA256 of the raw body, keyed with the sha256 (hex) of the secret. */
      signature: string;
      payload: Buffer;
    };

/**
 * The triggers stored by the workflows capability, read with a service token
 * of this plugin. Webhook secrets are checked there, so their hashes never
 * leave the workflows plugin.
 *
 * @internal
 */
export interface TriggerSource {
  /**
   * The enabled webhook trigger when the credential matches its secret;
   * undefined for an unknown, disabled or schedule trigger and a wrong
   * secret alike.
   */
  verify(
    triggerId: string,
    credential: WebhookCredential,
  ): Promise<TriggerRecord | undefined>;
  /** A trigger by id; undefined when there is none. */
  get(triggerId: string): Promise<TriggerRecord | undefined>;
  /** Every schedule trigger. */
  listSchedules(): Promise<TriggerRecord[]>;
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * The {@link TriggerSource} over the service-only trigger routes of the
 * workflows API.
 *
 * @internal
 */
export class ApiTriggerSource implements TriggerSource {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  private async client(): Promise<WorkflowsClient> {
    const { discovery, auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'workflows',
    });
    const doFetch = this.options.fetch ?? fetch;
    return new WorkflowsClient({
      getBaseUrl: () => discovery.getBaseUrl('workflows'),
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return doFetch(url, { ...init, headers });
      },
    });
  }

  /** Any failure to ask the workflows API is a 503, never a verdict. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new ServiceUnavailableError(`${what} failed: ${messageOf(error)}`);
    }
  }

  async verify(
    triggerId: string,
    credential: WebhookCredential,
  ): Promise<TriggerRecord | undefined> {
    const body =
      'secret' in credential
        ? { secret: credential.secret }
        : {
            signature: credential.signature,
            payload: credential.payload.toString('base64'),
          };
    const result = await this.call('Checking the webhook secret', async () =>
      (await this.client()).verifyTrigger(triggerId, body),
    );
    return result.valid ? result.trigger : undefined;
  }

  async get(triggerId: string): Promise<TriggerRecord | undefined> {
    try {
      return await (await this.client()).getTrigger(triggerId);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw new ServiceUnavailableError(
        `Reading trigger '${triggerId}' failed: ${messageOf(error)}`,
      );
    }
  }

  listSchedules(): Promise<TriggerRecord[]> {
    return this.call('Listing schedule triggers', async () =>
      (await this.client()).listAllTriggers('schedule'),
    );
  }
}

import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** The location key and `managed-by-location` of provided entities. */
export const CONSOLE_LOCATION = 'ai-components:console';

/**
 * Provides the AI components created in the console (through the
 * ai-components API or UI) to the catalog as `AIComponent` entities, where the
 * kinds processor validates them and derives owner and dependency relations.
 *
 * @public
 */
export class AiComponentsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      fetch?: typeof fetch;
    },
  ) {}

  getProviderName(): string {
    return 'ai-components-console';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `Could not read AI components from the console: ${error}`,
          );
        }
      },
    });
  }

  /** Replaces the provided entities with what the console holds now. */
  async refresh(): Promise<number> {
    if (!this.connection) {
      throw new Error('AiComponentsEntityProvider is not connected');
    }
    const { discovery, auth } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    const baseUrl = await discovery.getBaseUrl('ai-components');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'ai-components',
    });
    const entities: Entity[] = [];
    let after: string | undefined;
    do {
      const url = new URL(`${baseUrl}/catalog-entities`);
      url.searchParams.set('limit', '500');
      if (after) url.searchParams.set('after', after);
      const response = await doFetch(url, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as {
        items: Entity[];
        nextAfter?: string;
      };
      entities.push(...page.items);
      after = page.nextAfter;
    } while (after);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: CONSOLE_LOCATION,
      })),
    });
    return entities.length;
  }
}

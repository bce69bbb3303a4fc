import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import { LRUCache } from 'lru-cache';

/**
 * The input schemas of component revisions, for masking the inputs of step
 * attempts (`writeOnly` / `format: password` properties).
 *
 * @internal
 */
export interface ComponentSchemaSource {
  /**
   * The input JSON Schema of a component at a revision; rejects when it
   * cannot be read (the caller then masks every string).
   */
  inputSchema(componentRef: string, revision?: number): Promise<object>;
}

const MAX_CACHED = 500;

/**
 * {@link ComponentSchemaSource} over the ai-components API with the
 * backend's own service token. A revision is immutable, so its schema is
 * cached (the latest revision, asked for without a number, is not).
 *
 * @internal
 */
export class ApiComponentSchemaSource implements ComponentSchemaSource {
  private readonly cache = new LRUCache<string, object>({ max: MAX_CACHED });

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  async inputSchema(componentRef: string, revision?: number): Promise<object> {
    const key = `${componentRef}@${revision}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const match = /^(?:aicomponent:)?(?:([^/:]+)\/)?([^/:]+)$/i.exec(
      componentRef,
    );
    if (!match) throw new Error(`'${componentRef}' is not a component ref`);
    const namespace = match[1] ?? 'default';
    const name = match[2];
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'ai-components',
    });
    const baseFetch = this.options.fetch ?? fetch;
    const client = new AiComponentsClient({
      getBaseUrl: () => this.options.discovery.getBaseUrl('ai-components'),
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return baseFetch(url, { ...init, headers });
      },
    });
    const schema =
      revision === undefined
        ? (await client.getComponent({ namespace, name })).spec.inputSchema
        : (await client.getVersion({ namespace, name }, revision)).spec
            .inputSchema;
    if (revision !== undefined) this.cache.set(key, schema);
    return schema;
  }
}

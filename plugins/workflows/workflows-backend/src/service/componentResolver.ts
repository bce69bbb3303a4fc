import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import { ComponentInfo } from '@ai-ops/plugin-workflows-common';

/**
 * Looks up the AIComponents a document refers to, as the caller: components
 * that do not exist or that the caller may not read are missing from the
 * result, so the validator reports them as unknown.
 *
 * @internal
 */
export interface ComponentResolver {
  /** Found components keyed by the ref exactly as given. */
  resolve(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ComponentInfo>>;
}

/**
 * The namespace and name of an AIComponent ref (`gpt-4o-chat`,
 * `default/gpt-4o-chat` or `aicomponent:default/gpt-4o-chat`), or undefined
 * when the ref does not parse or names another kind.
 *
 * @internal
 */
export function parseComponentRef(
  ref: string,
): { namespace: string; name: string } | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'aicomponent',
      defaultNamespace: 'default',
    });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'aicomponent') {
      return undefined;
    }
    return {
      namespace: parsed.namespace.toLocaleLowerCase('en-US'),
      name: parsed.name.toLocaleLowerCase('en-US'),
    };
  } catch {
    return undefined;
  }
}

/** How many component look-ups run at once. */
const CONCURRENCY = 8;

/**
 * Resolves component refs through the ai-components API with a token issued
 * on behalf of the caller, so the registry applies the caller's permissions.
 *
 * @internal
 */
export class AiComponentsResolver implements ComponentResolver {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  async resolve(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ComponentInfo>> {
    const found = new Map<string, ComponentInfo>();
    // Refs written differently may name the same component: look it up once.
    const written = new Map<
      string,
      { key: { namespace: string; name: string }; refs: string[] }
    >();
    for (const ref of refs) {
      const key = parseComponentRef(ref);
      if (!key) continue;
      const id = `${key.namespace}/${key.name}`;
      const entry = written.get(id) ?? { key, refs: [] };
      entry.refs.push(ref);
      written.set(id, entry);
    }
    if (written.size === 0) return found;

    const { discovery, auth } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ai-components',
    });
    const client = new AiComponentsClient({
      getBaseUrl: () => discovery.getBaseUrl('ai-components'),
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return doFetch(url, { ...init, headers });
      },
    });

    const entries = [...written.values()];
    for (let i = 0; i < entries.length; i += CONCURRENCY) {
      await Promise.all(
        entries.slice(i, i + CONCURRENCY).map(async ({ key, refs: as }) => {
          let info: ComponentInfo;
          try {
            const component = await client.getComponent(key);
            info = {
              type: component.type,
              inputSchema: component.spec.inputSchema as Record<
                string,
                unknown
              >,
              outputSchema: component.spec.outputSchema as Record<
                string,
                unknown
              >,
            };
          } catch (error) {
            if (error instanceof ResponseError && error.statusCode === 404) {
              return;
            }
            throw new ServiceUnavailableError(
              `Could not look up component '${
                as[0]
              }' in the AI components registry: ${(error as Error).message}`,
            );
          }
          for (const ref of as) found.set(ref, info);
        }),
      );
    }
    return found;
  }
}

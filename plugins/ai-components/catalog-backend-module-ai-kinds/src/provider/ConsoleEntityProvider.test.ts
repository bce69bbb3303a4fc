import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { AiComponentsEntityProvider } from './AiComponentsEntityProvider';
import { AiWorkflowsEntityProvider } from './AiWorkflowsEntityProvider';
import { ConsoleEntityProviderDeps } from './ConsoleEntityProvider';

const workflowEntity = (name: string): Entity => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'workflows:console',
      'backstage.io/managed-by-origin-location': 'workflows:console',
    },
  },
  spec: {
    owner: 'group:default/team-a',
    lifecycle: 'experimental',
    steps: [{ id: 'a', component: 'aicomponent:default/upper-case' }],
  },
});

/**
 * A plugin's /catalog-entities: pages of `pageSize`, or an error status; with
 * `etags`, tagged by the names it holds and answering 304 to a first page
 * asked with the current tag, as the ai-components plugin does.
 */
function setup(
  entities: Entity[],
  options: { pageSize?: number; status?: number; etags?: boolean } = {},
) {
  const pageSize = options.pageSize ?? 500;
  const requests: Array<{
    url: URL;
    authorization: string | null;
    ifNoneMatch: string | null;
    status?: number;
  }> = [];
  const fetch = jest.fn(
    async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const request = {
        url,
        authorization: headers.get('authorization'),
        ifNoneMatch: headers.get('if-none-match'),
        status: 200,
      };
      requests.push(request);
      const etag = options.etags
        ? `"${entities.map(e => e.metadata.name).join(',')}"`
        : undefined;
      if (
        etag &&
        !url.searchParams.has('after') &&
        request.ifNoneMatch === etag
      ) {
        request.status = 304;
        return new Response(null, { status: 304, headers: { etag } });
      }
      if (options.status) {
        return new Response(
          JSON.stringify({ error: { name: 'Error', message: 'down' } }),
          {
            status: options.status,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
      const start = Number(url.searchParams.get('after') ?? 0);
      const items = entities.slice(start, start + pageSize);
      const next = start + pageSize;
      return new Response(
        JSON.stringify({
          items,
          ...(next < entities.length ? { nextAfter: String(next) } : {}),
        }),
        {
          status: 200,
          headers: {
            'content-type': 'application/json',
            ...(etag ? { etag } : {}),
          },
        },
      );
    },
  );
  const logger = mockServices.logger.mock();
  const deps: ConsoleEntityProviderDeps = {
    discovery: mockServices.discovery.mock({
      getBaseUrl: async pluginId => `http://backend.test/api/${pluginId}`,
    }),
    auth: mockServices.auth({ pluginId: 'catalog' }),
    logger,
    taskRunner: { run: async task => task.fn(new AbortController().signal) },
    fetch: fetch as typeof globalThis.fetch,
  };
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  return { deps, connection, requests, logger };
}

describe('AiWorkflowsEntityProvider', () => {
  it('pages through /api/workflows/catalog-entities and replaces its entities', async () => {
    const entities = ['a', 'b', 'c'].map(workflowEntity);
    const { deps, connection, requests } = setup(entities, { pageSize: 2 });
    const provider = new AiWorkflowsEntityProvider(deps);
    expect(provider.getProviderName()).toBe('workflows-console');

    await provider.connect(connection);

    expect(requests.map(r => r.url.toString())).toEqual([
      'http://backend.test/api/workflows/catalog-entities?limit=500',
      'http://backend.test/api/workflows/catalog-entities?limit=500&after=2',
    ]);
    expect(requests[0].authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'workflows',
      })}`,
    );
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'workflows:console',
      })),
    });
  });

  it('hands over only what changed, and the full set again every hour', async () => {
    const entities = ['a', 'b'].map(workflowEntity);
    const { deps, connection } = setup(entities);
    let now = 0;
    const provider = new AiWorkflowsEntityProvider({ ...deps, now: () => now });
    await provider.connect(connection);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    // Unchanged: the catalog is left alone.
    now = 30_000;
    await expect(provider.refresh()).resolves.toBe(2);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    // One added, one edited, one deleted: a delta of exactly those.
    entities.push(workflowEntity('c'));
    entities[0] = {
      ...entities[0],
      spec: { ...entities[0].spec, lifecycle: 'production' },
    };
    entities.splice(1, 1);
    await expect(provider.refresh()).resolves.toBe(2);
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(connection.applyMutation.mock.calls[1][0]).toEqual({
      type: 'delta',
      added: [
        { entity: entities[0], locationKey: 'workflows:console' },
        { entity: entities[1], locationKey: 'workflows:console' },
      ],
      removed: [
        { entityRef: 'aiworkflow:default/b', locationKey: 'workflows:console' },
      ],
    });
    // The edit was handed over once; a read that finds it again is quiet.
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    // An hour after the last full mutation: the full set, unchanged or not.
    now = 60 * 60_000;
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(3);
    expect(connection.applyMutation.mock.calls[2][0]).toEqual({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'workflows:console',
      })),
    });
  });

  it('hands a change over again when the catalog failed to take it', async () => {
    const entities = ['a'].map(workflowEntity);
    const { deps, connection } = setup(entities);
    const provider = new AiWorkflowsEntityProvider({ ...deps, now: () => 0 });
    await provider.connect(connection);
    entities.push(workflowEntity('b'));
    connection.applyMutation.mockRejectedValueOnce(new Error('deadlock'));
    await expect(provider.refresh()).rejects.toThrow('deadlock');
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(3);
    expect(connection.applyMutation.mock.calls[2][0]).toEqual({
      type: 'delta',
      added: [{ entity: entities[1], locationKey: 'workflows:console' }],
      removed: [],
    });
  });

  it('removes everything when the console holds nothing', async () => {
    const { deps, connection } = setup([]);
    const provider = new AiWorkflowsEntityProvider(deps);
    await provider.connect(connection);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('keeps the entities and logs a warning when the plugin fails', async () => {
    const { deps, connection, logger } = setup([], { status: 503 });
    const provider = new AiWorkflowsEntityProvider(deps);
    await provider.connect(connection);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Could not read AI workflows from the console: .*503/,
      ),
    );
    await expect(provider.refresh()).rejects.toThrow(/503/);
  });

  it('refuses to refresh before it is connected', async () => {
    const { deps } = setup([]);
    await expect(new AiWorkflowsEntityProvider(deps).refresh()).rejects.toThrow(
      'workflows-console is not connected',
    );
  });
});

describe('AiComponentsEntityProvider', () => {
  it('reads /api/ai-components/catalog-entities under its own location', async () => {
    const component: Entity = {
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIComponent',
      metadata: { name: 'upper-case', namespace: 'default' },
      spec: {},
    };
    const { deps, connection, requests } = setup([component]);
    const provider = new AiComponentsEntityProvider(deps);
    expect(provider.getProviderName()).toBe('ai-components-console');
    await provider.connect(connection);
    expect(requests[0].url.pathname).toBe(
      '/api/ai-components/catalog-entities',
    );
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [{ entity: component, locationKey: 'ai-components:console' }],
    });
  });

  it('asks with the last tag, and a 304 leaves the catalog alone without reading the entities', async () => {
    const component = (name: string): Entity => ({
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIComponent',
      metadata: { name, namespace: 'default' },
      spec: {},
    });
    const entities = ['a', 'b', 'c'].map(component);
    const { deps, connection, requests } = setup(entities, {
      pageSize: 2,
      etags: true,
    });
    let now = 0;
    const provider = new AiComponentsEntityProvider({
      ...deps,
      now: () => now,
    });
    await provider.connect(connection);
    expect(requests.map(r => [r.ifNoneMatch, r.status])).toEqual([
      [null, 200],
      [null, 200],
    ]);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);

    // Unchanged: one conditional request, answered 304, and the count kept.
    now = 30_000;
    requests.length = 0;
    await expect(provider.refresh()).resolves.toBe(3);
    expect(requests.map(r => [r.ifNoneMatch, r.status])).toEqual([
      ['"a,b,c"', 304],
    ]);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);

    // Changed: the tag no longer matches, every page is read, and the
    // catalog is told what went.
    entities.splice(1, 1);
    requests.length = 0;
    await expect(provider.refresh()).resolves.toBe(2);
    expect(requests.map(r => [r.ifNoneMatch, r.status])).toEqual([
      ['"a,b,c"', 200],
    ]);
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(connection.applyMutation.mock.calls[1][0]).toEqual({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: 'aicomponent:default/b',
          locationKey: 'ai-components:console',
        },
      ],
    });

    // An hour after the first read the full set is read and applied even
    // when unchanged.
    now = 60 * 60_000;
    requests.length = 0;
    await provider.refresh();
    expect(requests.map(r => [r.ifNoneMatch, r.status])).toEqual([[null, 200]]);
    expect(connection.applyMutation).toHaveBeenCalledTimes(3);
    expect(connection.applyMutation.mock.calls[2][0]).toMatchObject({
      type: 'full',
    });
  });
});

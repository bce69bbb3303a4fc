import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AiComponentsResolver, parseComponentRef } from './componentResolver';

const component = {
  ref: 'aicomponent:default/upper-case',
  namespace: 'default',
  name: 'upper-case',
  type: 'tool',
  spec: {
    runtime: { type: 'jsonata' },
    inputSchema: { type: 'object' },
    outputSchema: { type: 'string' },
  },
};

function resolverWith(
  respond: (url: string) => { status: number; body: unknown },
) {
  const seen: Array<{ url: string; authorization: string | null }> = [];
  const fetch = jest.fn(
    async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({
        url: String(url),
        authorization: new Headers(init?.headers).get('authorization'),
      });
      const { status, body } = respond(String(url));
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
  );
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async pluginId => `http://registry.test/api/${pluginId}`,
  });
  const resolver = new AiComponentsResolver({
    discovery,
    auth: mockServices.auth(),
    fetch: fetch as typeof globalThis.fetch,
  });
  return { resolver, seen };
}

describe('parseComponentRef', () => {
  it.each([
    ['upper-case', { namespace: 'default', name: 'upper-case' }],
    ['team/upper-case', { namespace: 'team', name: 'upper-case' }],
    [
      'AIComponent:Default/Upper-Case',
      { namespace: 'default', name: 'upper-case' },
    ],
    ['component:default/x', undefined],
    ['a:b:c/d/e', undefined],
  ])('%s', (ref, expected) => {
    expect(parseComponentRef(ref)).toEqual(expected);
  });
});

describe('AiComponentsResolver', () => {
  it('looks components up once each, as the caller, keyed as written', async () => {
    const { resolver, seen } = resolverWith(url =>
      url.endsWith('/components/default/upper-case')
        ? { status: 200, body: component }
        : {
            status: 404,
            body: { error: { name: 'NotFoundError', message: 'no' } },
          },
    );
    const found = await resolver.resolve(
      ['upper-case', 'aicomponent:default/upper-case', 'ghost', 'group:x'],
      mockCredentials.user('user:default/alice'),
    );
    expect([...found.keys()]).toEqual([
      'upper-case',
      'aicomponent:default/upper-case',
    ]);
    expect(found.get('upper-case')).toEqual({
      type: 'tool',
      inputSchema: { type: 'object' },
      outputSchema: { type: 'string' },
    });
    expect(seen.map(s => s.url).sort()).toEqual([
      'http://registry.test/api/ai-components/components/default/ghost',
      'http://registry.test/api/ai-components/components/default/upper-case',
    ]);
    // A token for ai-components on behalf of alice.
    expect(seen[0].authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.user('user:default/alice'),
        targetPluginId: 'ai-components',
      })}`,
    );
  });

  it('asks nothing when there is nothing to resolve', async () => {
    const { resolver, seen } = resolverWith(() => ({ status: 500, body: {} }));
    expect((await resolver.resolve([], mockCredentials.user())).size).toBe(0);
    expect(seen).toHaveLength(0);
  });

  it('answers 503 when the registry fails', async () => {
    const { resolver } = resolverWith(() => ({
      status: 500,
      body: { error: { name: 'Error', message: 'boom' } },
    }));
    await expect(
      resolver.resolve(['upper-case'], mockCredentials.user()),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /Could not look up component 'upper-case'/,
      ),
    });
  });
});

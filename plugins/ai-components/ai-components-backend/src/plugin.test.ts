import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
// The real workflows capability in the same backend: deleting a component
// asks it which workflows use the component (a test-only import).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import workflowsPlugin from '@ai-ops/plugin-workflows-backend';
import request from 'supertest';
import { aiComponentsPlugin } from './plugin';

jest.setTimeout(60_000);

const config = {
  aiComponents: {
    secrets: {
      keys: [{ id: 'test', secret: Buffer.alloc(32, 7).toString('base64') }],
    },
  },
};

const upperCase = {
  name: 'upper-case',
  title: 'Upper case',
  description: 'Upper-cases a text',
  type: 'tool',
  owner: 'team-a',
  lifecycle: 'experimental',
  tags: ['text'],
  runtime: {
    type: 'jsonata',
    config: { expression: '{ "text": $uppercase(text) }' },
  },
  inputSchema: {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string' } },
  },
  outputSchema: {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string' } },
  },
};

async function start(options: { deny?: boolean } = {}) {
  const { server } = await startTestBackend({
    features: [
      aiComponentsPlugin,
      runtimesFeature,
      workflowsPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities: [] }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  return server;
}

describe('ai-components API', () => {
  it('registers, versions, lists, invokes and deletes a component', async () => {
    const server = await start();
    const created = await request(server)
      .post('/api/ai-components/components')
      .send(upperCase);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ref: 'aicomponent:default/upper-case',
      owner: 'group:default/team-a',
      latestRevision: 1,
      readOnly: false,
      source: 'console',
    });

    const updated = await request(server)
      .put('/api/ai-components/components/default/upper-case')
      .send({
        ...(({ name, ...rest }) => rest)(upperCase),
        version: '1.1.0',
        changeNote: 'trim first',
        runtime: {
          type: 'jsonata',
          config: { expression: '{ "text": $uppercase($trim(text)) }' },
        },
      });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ latestRevision: 2, version: '1.1.0' });

    const versions = await request(server).get(
      '/api/ai-components/components/default/upper-case/versions',
    );
    expect(
      versions.body.items.map((v: { revision: number }) => v.revision),
    ).toEqual([2, 1]);

    const list = await request(server).get(
      '/api/ai-components/components?q=upper&type=tool',
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      totalItems: 1,
      items: [{ name: 'upper-case' }],
    });

    const invoked = await request(server)
      .post('/api/ai-components/components/default/upper-case/invoke')
      .send({ input: { text: '  hello ' } });
    expect(invoked.status).toBe(200);
    expect(invoked.body).toMatchObject({
      revision: 2,
      output: { text: 'HELLO' },
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
    });
    expect(invoked.body.latencyMs).toBeGreaterThanOrEqual(0);

    const older = await request(server)
      .post('/api/ai-components/components/default/upper-case/invoke')
      .send({ input: { text: '  hello ' }, revision: 1 });
    expect(older.body.output).toEqual({ text: '  HELLO ' });

    const badInput = await request(server)
      .post('/api/ai-components/components/default/upper-case/invoke')
      .send({ input: { text: 42 } });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error.message).toMatch(
      /input: .*\/text must be string/,
    );

    const deleted = await request(server).delete(
      '/api/ai-components/components/default/upper-case',
    );
    expect(deleted.status).toBe(204);
    const gone = await request(server).get(
      '/api/ai-components/components/default/upper-case',
    );
    expect(gone.status).toBe(404);
  });

  it.each([
    ['a missing owner', { owner: undefined }, /owner/],
    ['an unknown type', { type: 'robot' }, /type/],
    [
      'an invalid JSON Schema',
      { inputSchema: { type: 'banana' } },
      /inputSchema/,
    ],
    [
      'an unknown runtime',
      { runtime: { type: 'telepathy', config: {} } },
      /runtime\.type/,
    ],
    [
      'invalid runtime config',
      { runtime: { type: 'jsonata', config: {} } },
      /runtime\.config/,
    ],
    ['an invalid name', { name: 'Not A Name' }, /name/],
    ['an unknown field', { colour: 'red' }, /colour|additional|unevaluated/i],
  ])(
    'answers 400 naming the field for %s, storing nothing',
    async (_, change, message) => {
      const server = await start();
      const res = await request(server)
        .post('/api/ai-components/components')
        .send({ ...upperCase, ...change });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      const list = await request(server).get('/api/ai-components/components');
      expect(list.body.totalItems).toBe(0);
    },
  );

  it('refuses a duplicate name with 409 and an oversized body with a 4xx', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);
    const duplicate = await request(server)
      .post('/api/ai-components/components')
      .send(upperCase);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toMatch(/name: .*already exists/);

    const huge = await request(server)
      .post('/api/ai-components/components')
      .send({
        ...upperCase,
        name: 'huge',
        description: 'x'.repeat(300 * 1024),
      });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const stored = await request(server).get(
      '/api/ai-components/components/default/upper-case',
    );
    expect(stored.body.latestRevision).toBe(1);
  });

  it('answers 401 without credentials on every route', async () => {
    const server = await start();
    const routes: Array<[string, string]> = [
      ['get', '/components'],
      ['post', '/components'],
      ['get', '/facets'],
      ['get', '/runtimes'],
      ['get', '/components/default/x'],
      ['put', '/components/default/x'],
      ['delete', '/components/default/x'],
      ['get', '/components/default/x/versions'],
      ['get', '/components/default/x/versions/1'],
      ['post', '/components/default/x/invoke'],
      ['get', '/catalog-entities'],
      ['get', '/secrets'],
      ['put', '/secrets/x'],
      ['delete', '/secrets/x'],
    ];
    for (const [method, path] of routes) {
      const res = await (request(server) as any)
        [method](`/api/ai-components${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it('answers 403 when the permission is denied, and lists nothing', async () => {
    const server = await start({ deny: true });
    const create = await request(server)
      .post('/api/ai-components/components')
      .send(upperCase);
    expect(create.status).toBe(403);
    const secrets = await request(server).get('/api/ai-components/secrets');
    expect(secrets.status).toBe(403);
    const runtimes = await request(server).get('/api/ai-components/runtimes');
    expect(runtimes.status).toBe(403);
    const list = await request(server).get('/api/ai-components/components');
    expect(list.body).toEqual({ items: [], totalItems: 0 });
  });

  it('keeps secret values write-only', async () => {
    const server = await start();
    const value = 'sk-test-value-that-must-not-leak';
    const put = await request(server)
      .put('/api/ai-components/secrets/openai-api-key')
      .send({ value });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      name: 'openai-api-key',
      updatedAt: expect.any(String),
      updatedBy: mockCredentials.user().principal.userEntityRef,
      manageable: true,
    });
    const list = await request(server).get('/api/ai-components/secrets');
    expect(JSON.stringify(list.body)).not.toContain(value);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([
      'openai-api-key',
    ]);
    await request(server)
      .delete('/api/ai-components/secrets/openai-api-key')
      .expect(204);
    await request(server)
      .delete('/api/ai-components/secrets/openai-api-key')
      .expect(404);
  });

  it('exports console components as AIComponent entities to service callers only', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);
    const asUser = await request(server).get(
      '/api/ai-components/catalog-entities',
    );
    expect(asUser.status).toBe(403);
    const res = await request(server)
      .get('/api/ai-components/catalog-entities')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        apiVersion: 'ai-ops.dev/v1alpha1',
        kind: 'AIComponent',
        metadata: expect.objectContaining({
          name: 'upper-case',
          annotations: expect.objectContaining({
            'backstage.io/managed-by-location': 'ai-components:console',
          }),
        }),
        spec: expect.objectContaining({
          type: 'tool',
          owner: 'group:default/team-a',
        }),
      }),
    ]);
  });

  it('tags the exported entities and answers 304 while they are unchanged', async () => {
    const server = await start();
    const service = mockCredentials.service.header();
    const first = await request(server)
      .get('/api/ai-components/catalog-entities')
      .set('Authorization', service)
      .expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"0\./);
    await request(server)
      .get('/api/ai-components/catalog-entities')
      .set('Authorization', service)
      .set('If-None-Match', etag)
      .expect(304);
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);
    const changed = await request(server)
      .get('/api/ai-components/catalog-entities')
      .set('Authorization', service)
      .set('If-None-Match', etag)
      .expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.items.map((e: any) => e.metadata.name)).toEqual([
      'upper-case',
    ]);
  });

  it('applies the ownership condition to stored components', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);
    const conditions = {
      rule: 'IS_OWNER',
      resourceType: 'ai-component',
      params: { claims: ['user:default/alice', 'group:default/team-a'] },
    };
    const res = await request(server)
      .post(
        '/api/ai-components/.well-known/backstage/permissions/apply-conditions',
      )
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: [
          {
            id: '1',
            resourceType: 'ai-component',
            resourceRef: 'aicomponent:default/upper-case',
            conditions,
          },
          {
            id: '2',
            resourceType: 'ai-component',
            resourceRef: 'aicomponent:default/upper-case',
            conditions: {
              ...conditions,
              params: { claims: ['group:default/team-b'] },
            },
          },
          {
            id: '3',
            resourceType: 'ai-component',
            resourceRef: 'aicomponent:default/missing',
            conditions,
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: '1', result: 'ALLOW' },
      { id: '2', result: 'DENY' },
      { id: '3', result: 'DENY' },
    ]);
  });
});

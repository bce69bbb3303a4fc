/*
 * Owned secrets through the API: an admin (unconditional allow) and an
 * author whose `ai-components.secret.write` is conditional on IS_OWNER
 * with their group, as examples/rbac/conditional-policies.yaml grants it;
 * and the runtime check that a component only uses its owner's secrets and
 * the shared ones.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aiComponentsPlugin } from './plugin';

jest.setTimeout(60_000);

const SECRET_UPDATE = 'ai-components.secret.write';

/** Who calls: the admin, or an author of group team-a. */
let caller: 'admin' | 'author' = 'admin';

const permissions = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(r =>
      caller === 'author' && r.permission.name === SECRET_UPDATE
        ? {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'ai-components',
            resourceType: 'ai-component-secret',
            conditions: {
              rule: 'IS_OWNER',
              resourceType: 'ai-component-secret',
              params: {
                claims: ['user:default/mock', 'group:default/team-a'],
              },
            },
          }
        : { result: AuthorizeResult.ALLOW },
    ) as any,
});

/** Records the Authorization header of each call. */
let provider: Server;
let providerUrl: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  provider = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>(resolve => provider.listen(0, '127.0.0.1', resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => provider.close(resolve));
});

/** A component of team-a calling the provider with a secret in a header. */
const caller_of = (name: string, secret: string) => ({
  name,
  title: name,
  description: `Calls the provider with ${secret}`,
  type: 'tool',
  owner: 'team-a',
  lifecycle: 'experimental',
  runtime: {
    type: 'http',
    config: {
      url: `${providerUrl}/call`,
      headers: { Authorization: `Bearer {{ secret:${secret} }}` },
    },
  },
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object' },
});

async function start() {
  const { server } = await startTestBackend({
    features: [
      aiComponentsPlugin,
      runtimesFeature,
      mockServices.rootConfig.factory({
        data: {
          aiComponents: {
            secrets: {
              keys: [
                { id: 'test', secret: Buffer.alloc(32, 7).toString('base64') },
              ],
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      permissions.factory,
    ],
  });
  return server;
}

const names = (body: { items: { name: string }[] }) =>
  body.items.map(s => s.name);

describe('owned secrets', () => {
  it('lets an author manage only their groups’ secrets and see the shared ones', async () => {
    const server = await start();
    const put = (name: string, body: object) =>
      request(server).put(`/api/ai-components/secrets/${name}`).send(body);

    caller = 'admin';
    expect((await put('shared-key', { value: 'v-shared' })).body).toEqual({
      name: 'shared-key',
      updatedAt: expect.any(String),
      updatedBy: expect.any(String),
      manageable: true,
    });
    expect(
      (await put('team-b-key', { value: 'v-b', owner: 'group:team-b' })).body,
    ).toMatchObject({ owner: 'group:default/team-b', manageable: true });

    caller = 'author';
    const listed = await request(server).get('/api/ai-components/secrets');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ name: 'shared-key', manageable: false }),
    ]);

    // A new secret needs an owner the author may manage.
    const noOwner = await put('team-a-key', { value: 'v-a' });
    expect(noOwner.status).toBe(400);
    expect(noOwner.body.error.message).toMatch(/^owner: required/);
    const notARef = await put('team-a-key', {
      value: 'v-a',
      owner: 'component:default/x',
    });
    expect(notARef.status).toBe(400);
    expect(notARef.body.error.message).toMatch(/^owner: /);
    expect(
      (await put('team-a-key', { value: 'v-a', owner: 'group:team-b' })).status,
    ).toBe(403);
    const own = await put('team-a-key', {
      value: 'v-a',
      owner: 'Group:default/Team-A',
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      owner: 'group:default/team-a',
      manageable: true,
    });

    // Replacing keeps the owner; moving it to another owner is refused.
    expect((await put('team-a-key', { value: 'v-a2' })).body).toMatchObject({
      owner: 'group:default/team-a',
    });
    expect(
      (await put('team-a-key', { value: 'v-a3', owner: 'group:team-b' }))
        .status,
    ).toBe(403);
    // Nor may the author make their secret shared; it stays theirs.
    const toShared = await put('team-a-key', { value: 'v-a4', owner: null });
    expect(toShared.status).toBe(403);
    expect(toShared.body.error.message).toBe(
      "Only a manager of every secret may make secret 'team-a-key' shared",
    );
    // Not the shared one, not another team's.
    expect((await put('shared-key', { value: 'x' })).status).toBe(403);
    expect((await put('team-b-key', { value: 'x' })).status).toBe(403);
    await request(server)
      .delete('/api/ai-components/secrets/shared-key')
      .expect(403);
    await request(server)
      .delete('/api/ai-components/secrets/team-b-key')
      .expect(404);

    expect(
      names((await request(server).get('/api/ai-components/secrets')).body),
    ).toEqual(['shared-key', 'team-a-key']);

    caller = 'admin';
    expect(
      (await request(server).get('/api/ai-components/secrets')).body.items,
    ).toEqual([
      expect.objectContaining({ name: 'shared-key', manageable: true }),
      expect.objectContaining({
        name: 'team-a-key',
        owner: 'group:default/team-a',
        manageable: true,
      }),
      expect.objectContaining({
        name: 'team-b-key',
        owner: 'group:default/team-b',
        manageable: true,
      }),
    ]);

    caller = 'author';
    await request(server)
      .delete('/api/ai-components/secrets/team-a-key')
      .expect(204);

    // An admin makes an owned secret shared again with `owner: null`.
    caller = 'admin';
    const shared = await put('team-b-key', { value: 'v-b2', owner: null });
    expect(shared.status).toBe(200);
    expect(shared.body).not.toHaveProperty('owner');
    caller = 'author';
    expect(
      (await request(server).get('/api/ai-components/secrets')).body.items,
    ).toEqual([
      expect.objectContaining({ name: 'shared-key', manageable: false }),
      expect.objectContaining({ name: 'team-b-key', manageable: false }),
    ]);
  });

  it('lets a component name and use its owner’s secrets and the shared ones only', async () => {
    caller = 'admin';
    const server = await start();
    for (const [name, body] of [
      ['shared-key', { value: 'v-shared' }],
      ['team-a-key', { value: 'v-a', owner: 'group:team-a' }],
      ['team-b-key', { value: 'v-b', owner: 'group:team-b' }],
    ] as const) {
      await request(server)
        .put(`/api/ai-components/secrets/${name}`)
        .send(body)
        .expect(200);
    }
    const invoke = async (secret: string) => {
      const name = `uses-${secret}`;
      await request(server)
        .post('/api/ai-components/components')
        .send(caller_of(name, secret))
        .expect(201);
      const res = await request(server)
        .post(`/api/ai-components/components/default/${name}/invoke`)
        .send({ input: {} });
      expect(res.status).toBe(200);
      return res.body;
    };

    seen.length = 0;
    expect(await invoke('team-a-key')).toMatchObject({ output: { ok: true } });
    expect(await invoke('shared-key')).toMatchObject({ output: { ok: true } });
    expect(seen.map(h => h.authorization)).toEqual([
      'Bearer v-a',
      'Bearer v-shared',
    ]);

    // Saving a component that names another owner's secret is a 400 at the
    // reference; the run-time check is for what was stored before owners.
    const saved = await request(server)
      .post('/api/ai-components/components')
      .send(caller_of('names-team-b-key', 'team-b-key'));
    expect(saved.status).toBe(400);
    expect(saved.body.error.message).toBe(
      "runtime.config/headers/Authorization: secret 'team-b-key' belongs to group:default/team-b; only components owned by group:default/team-b may use it (this one is owned by group:default/team-a)",
    );
    // A secret that does not exist yet may be stored later.
    await request(server)
      .post('/api/ai-components/components')
      .send(caller_of('names-later-key', 'later-key'))
      .expect(201);

    // Stored before its secret changed owner: refused when it runs.
    await request(server)
      .post('/api/ai-components/components')
      .send(caller_of('uses-moved-key', 'moved-key'))
      .expect(201);
    await request(server)
      .put('/api/ai-components/secrets/moved-key')
      .send({ value: 'v-moved', owner: 'group:team-b' })
      .expect(200);
    const refused = (
      await request(server)
        .post('/api/ai-components/components/default/uses-moved-key/invoke')
        .send({ input: {} })
        .expect(200)
    ).body;
    expect(refused.error).toEqual({
      code: 'InvalidConfig',
      message:
        "Secret 'moved-key' belongs to group:default/team-b; only components owned by group:default/team-b may use it (this one is owned by group:default/team-a)",
      retryable: false,
    });
    expect(seen).toHaveLength(2);

    // The component's page reads what it cannot use, before anyone runs it.
    const problems = async (name: string) =>
      (
        await request(server)
          .get(`/api/ai-components/components/default/${name}`)
          .expect(200)
      ).body.secretProblems;
    expect(await problems('uses-moved-key')).toEqual([
      {
        path: 'runtime.config/headers/Authorization',
        secret: 'moved-key',
        problem: 'other-owner',
        owner: 'group:default/team-b',
        message:
          "runtime.config/headers/Authorization: secret 'moved-key' belongs to group:default/team-b; only components owned by group:default/team-b may use it (this one is owned by group:default/team-a)",
      },
    ]);
    expect(await problems('names-later-key')).toEqual([
      {
        path: 'runtime.config/headers/Authorization',
        secret: 'later-key',
        problem: 'missing',
        message:
          "runtime.config/headers/Authorization: no secret named 'later-key' is stored; runs fail until it is",
      },
    ]);
    expect(await problems('uses-team-a-key')).toBeUndefined();
    expect(await problems('uses-shared-key')).toBeUndefined();
  });
});

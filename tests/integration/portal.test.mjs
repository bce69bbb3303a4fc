// The portal as production runs it: PostgreSQL, Redis (cache and rate
// limits), OIDC sign-in against a local OpenID provider, RBAC with the
// example policy, and the AI catalog kinds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  productionConfigs,
  productionEnv,
  repoRoot,
  startBackend,
} from './lib/backend.mjs';
import { startOidcProvider, signInWithOidc } from './lib/oidc.mjs';
import {
  CookieJar,
  freePort,
  randomLoopbackAddress,
  request,
  waitFor,
} from './lib/http.mjs';
import { dropDatabasesWithPrefix, postgres } from './lib/postgres.mjs';
import { EXAMPLE_COMPONENT_TYPES } from './lib/examples.mjs';

const require = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);
const yaml = require('yaml');

const PLUGINS = ['ai-components', 'workflows', 'executions', 'recommendations'];
const RATE_LIMIT = 1000;
let backendPort;
let oidcPort;
const dbPrefix = `aiops_it_${crypto.randomBytes(4).toString('hex')}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
const clientAddress = randomLoopbackAddress();

const accounts = {
  ada: { email: 'ada@ai-ops.example', name: 'Ada Admin' },
  alice: { email: 'alice@ai-ops.example', name: 'Alice Author' },
  bob: { email: 'bob@ai-ops.example', name: 'Bob Author' },
  oscar: { email: 'oscar@ai-ops.example', name: 'Oscar Operator' },
  vera: { email: 'vera@ai-ops.example', name: 'Vera Viewer' },
  eve: { email: 'eve@ai-ops.example', name: 'Eve Nobody' },
};

let backend;
let oidc;
let keyDir;
let conditionsFile;
let privateKey;
const sessions = {};

const api = (p, options = {}) =>
  request(`${backend.baseUrl}${p}`, {
    localAddress: clientAddress,
    ...options,
  });
const asService = { authorization: `Bearer ${externalToken}` };
const asUser = login => ({
  authorization: `Bearer ${sessions[login].identity.token}`,
});

before(async () => {
  backendPort = await freePort();
  oidcPort = await freePort();
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-ops-keys-'));
  conditionsFile = path.join(keyDir, 'conditional-policies.yaml');
  fs.copyFileSync(
    path.join(repoRoot, 'examples/rbac/conditional-policies.yaml'),
    conditionsFile,
  );
  const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  privateKey = pair.privateKey;
  fs.writeFileSync(
    path.join(keyDir, 'public.pem'),
    pair.publicKey.export({ type: 'spki', format: 'pem' }),
  );
  fs.writeFileSync(
    path.join(keyDir, 'private.pem'),
    pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );

  oidc = await startOidcProvider({
    port: oidcPort,
    redirectUri: `http://localhost:${backendPort}/api/auth/oidc/handler/frame`,
    accounts,
    clientId: 'ai-ops-console',
    clientSecret: 'integration-test-secret',
  });
  backend = await startBackend({
    port: backendPort,
    configs: productionConfigs(
      path.join(
        repoRoot,
        'tests/integration/fixtures/app-config.integration.yaml',
      ),
    ),
    env: productionEnv({
      port: backendPort,
      dbPrefix,
      externalToken,
      postgres,
      overrides: {
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        OIDC_METADATA_URL: oidc.metadataUrl,
        OIDC_CLIENT_SECRET: 'integration-test-secret',
        TEST_SIGNING_PUBLIC_KEY: path.join(keyDir, 'public.pem'),
        TEST_SIGNING_PRIVATE_KEY: path.join(keyDir, 'private.pem'),
        RBAC_CONDITIONAL_POLICIES_FILE: conditionsFile,
      },
    }),
  });

  // Sign-in resolves users from the catalog: wait until the org is ingested.
  await waitFor(
    'the catalog to ingest the example org and AI entities',
    async () => {
      const res = await api(
        '/api/catalog/entities/by-query?filter=kind=user&filter=kind=aiworkflow&fields=metadata.name',
        { headers: asService },
      );
      if (res.status !== 200) return false;
      const names = res.json().items.map(e => e.metadata.name);
      return ['eve', 'vera', 'support-triage', 'kb-answer'].every(n =>
        names.includes(n),
      );
    },
  );

  for (const login of Object.keys(accounts)) {
    const jar = new CookieJar();
    const identity = await signInWithOidc({
      backendUrl: backend.baseUrl,
      login,
      jar,
      localAddress: clientAddress,
    });
    sessions[login] = { jar, identity };
  }

  // Ownership conditions are decided on the capabilities' own stores, which
  // mirror catalog-info.yaml entities every 30 s: wait for the ones used below.
  await waitFor(
    'the example components and workflows to be mirrored',
    async () => {
      for (const p of [
        '/api/ai-components/components/default/gpt-4o-mini-chat',
        '/api/ai-components/components/default/kb-search-tool',
        '/api/workflows/workflows/default/support-triage',
        '/api/workflows/workflows/default/kb-answer',
      ]) {
        if ((await api(p, { headers: asService })).status !== 200) return false;
      }
      return true;
    },
    { timeoutMs: 120_000 },
  );

  // RBAC (6.1.0) reads the conditional policies once, at start-up, and needs
  // the capability plugins' permission metadata for that; a plugin that is not
  // up yet makes it give up ("Unable to get permission list for plugin ...")
  // without retrying. Its file watcher reloads on change, so the test rewrites
  // its copy of the file (same content) until the conditions are in.
  let lastNudge = Date.now();
  const conditionCount = fs
    .readFileSync(conditionsFile, 'utf8')
    .split(/^---$/m)
    .filter(doc => /^result: CONDITIONAL$/m.test(doc)).length;
  await waitFor('the conditional policies to load', async () => {
    const res = await api('/api/permission/roles/conditions', {
      headers: asUser('ada'),
    });
    const loaded = res.status === 200 && res.json().length === conditionCount;
    if (!loaded && Date.now() - lastNudge > 10_000) {
      fs.writeFileSync(conditionsFile, fs.readFileSync(conditionsFile));
      lastNudge = Date.now();
    }
    return loaded;
  });
});

after(async () => {
  if (process.env.DEBUG_BACKEND_LOG)
    fs.writeFileSync(process.env.DEBUG_BACKEND_LOG, backend?.output() ?? '');
  await backend?.stop();
  await oidc?.stop();
  await dropDatabasesWithPrefix(dbPrefix);
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
});

describe('sign-in', () => {
  it('ends the OIDC authorization-code flow with a Backstage identity resolved from the catalog', () => {
    const { identity } = sessions.alice;
    assert.equal(identity.identity.userEntityRef, 'user:default/alice');
    assert.deepEqual([...identity.identity.ownershipEntityRefs].sort(), [
      'group:default/team-a',
      'user:default/alice',
    ]);
    const [, payload] = identity.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    assert.equal(claims.sub, 'user:default/alice');
    assert.ok(claims.exp > Date.now() / 1000, 'the token has a future expiry');
  });

  it('refuses an expired token and accepts the same claims before expiry', async () => {
    const { token } = sessions.alice.identity;
    const [rawHeader, rawPayload] = token.split('.');
    const header = JSON.parse(Buffer.from(rawHeader, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(rawPayload, 'base64url').toString());
    assert.equal(header.kid, 'integration-test-key');
    const sign = payload => {
      const input = `${rawHeader}.${Buffer.from(
        JSON.stringify(payload),
      ).toString('base64url')}`;
      const signature = crypto.sign('sha256', Buffer.from(input), {
        key: privateKey,
        dsaEncoding: 'ieee-p1363',
      });
      return `${input}.${signature.toString('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const valid = sign({ ...claims, iat: now - 60 });
    const expired = sign({ ...claims, iat: now - 7200, exp: now - 3600 });

    const ok = await api('/api/ai-components/health', {
      headers: { authorization: `Bearer ${valid}` },
    });
    assert.equal(
      ok.status,
      200,
      'a token with the same claims and a future expiry is accepted',
    );
    const refused = await api('/api/ai-components/health', {
      headers: { authorization: `Bearer ${expired}` },
    });
    assert.equal(refused.status, 401);
  });

  it('refreshes the session into a new, working token', async () => {
    const { jar, identity } = sessions.bob;
    await new Promise(r => setTimeout(r, 1100));
    const res = await api('/api/auth/oidc/refresh?env=production', {
      jar,
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    assert.equal(res.status, 200);
    const refreshed = res.json().backstageIdentity;
    assert.equal(refreshed.identity.userEntityRef, 'user:default/bob');
    assert.notEqual(refreshed.token, identity.token);
    const health = await api('/api/workflows/health', {
      headers: { authorization: `Bearer ${refreshed.token}` },
    });
    assert.equal(health.status, 200);
  });

  it('refuses the guest provider in production', async () => {
    const res = await api('/api/auth/guest/refresh', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    assert.notEqual(res.status, 200);
  });
});

describe('authentication of every route', () => {
  const pluginRoutes = PLUGINS.flatMap(plugin => {
    const spec = yaml.parse(
      fs.readFileSync(
        path.join(
          repoRoot,
          `plugins/${plugin}/${plugin}-backend/src/schema/openapi.yaml`,
        ),
        'utf8',
      ),
    );
    return Object.entries(spec.paths).flatMap(([route, operations]) =>
      Object.keys(operations).map(method => [
        method.toUpperCase(),
        `/api/${plugin}${route.replace(/\{[^}]+\}/g, 'x')}`,
      ]),
    );
  });
  const coreRoutes = [
    ['GET', '/api/catalog/entities'],
    ['GET', '/api/catalog/entities/by-query'],
    ['POST', '/api/catalog/locations'],
    ['POST', '/api/permission/authorize'],
    ['GET', '/api/permission/roles'],
    ['GET', '/api/search/query?term=model'],
    ['GET', '/api/notifications/'],
    ['GET', '/api/user-settings/buckets/x/keys/y'],
  ];

  it('answers 401 without credentials and with a forged token', async () => {
    assert.ok(pluginRoutes.length >= PLUGINS.length);
    const forged = `${sessions.alice.identity.token.slice(0, -8)}AAAAAAAA`;
    for (const [method, route] of [...pluginRoutes, ...coreRoutes]) {
      const anonymous = await api(route, {
        method,
        body: method === 'GET' ? undefined : {},
      });
      assert.equal(
        anonymous.status,
        401,
        `${method} ${route} without credentials`,
      );
      const bad = await api(route, {
        method,
        headers: { authorization: `Bearer ${forged}` },
        body: method === 'GET' ? undefined : {},
      });
      assert.equal(bad.status, 401, `${method} ${route} with a forged token`);
    }
  });

  it('serves every capability health route to a signed-in user and to an API client', async () => {
    for (const plugin of PLUGINS) {
      for (const headers of [asUser('vera'), asService]) {
        const res = await api(`/api/${plugin}/health`, { headers });
        assert.equal(res.status, 200, plugin);
        assert.deepEqual(res.json(), { status: 'ok' });
      }
    }
  });
});

describe('RBAC', () => {
  const A = 'ALLOW';
  const D = 'DENY';
  // Columns: admin, author on what their group owns, author on another
  // group's, operator, viewer, a user with no role.
  const matrix = {
    'ai-components.component.read': [A, A, A, A, A, D],
    'ai-components.component.create': [A, A, A, D, D, D],
    'ai-components.component.update': [A, A, D, D, D, D],
    'ai-components.component.delete': [A, A, D, D, D, D],
    'ai-components.component.invoke': [A, A, A, A, D, D],
    'ai-components.secret.manage': [A, A, A, D, D, D],
    'ai-components.secret.write': [A, A, D, D, D, D],
    'workflows.workflow.read': [A, A, A, A, A, D],
    'workflows.workflow.create': [A, A, A, D, D, D],
    'workflows.workflow.update': [A, A, D, D, D, D],
    'workflows.workflow.delete': [A, A, D, D, D, D],
    'workflows.workflow.promote': [A, A, D, D, D, D],
    'executions.execution.read': [A, A, A, A, A, D],
    'executions.execution.run': [A, A, A, A, D, D],
    'executions.execution.cancel': [A, A, A, A, D, D],
    'executions.execution.approve': [A, D, D, A, D, D],
    'recommendations.recommendation.read': [A, A, A, A, A, D],
    'recommendations.index.manage': [A, D, D, D, D, D],
  };
  // Resources owned by team-a (alice's group) and team-b (bob's group).
  const resources = {
    'ai-component-secret': {
      own: 'rbac-team-a-key',
      other: 'rbac-team-b-key',
    },
    'ai-component': {
      own: 'aicomponent:default/gpt-4o-mini-chat',
      other: 'aicomponent:default/kb-search-tool',
    },
    'ai-workflow': {
      own: 'aiworkflow:default/support-triage',
      other: 'aiworkflow:default/kb-answer',
    },
  };

  before(async () => {
    // Secrets have no seed: an API client stores one for each team.
    for (const [name, owner] of [
      ['rbac-team-a-key', 'group:default/team-a'],
      ['rbac-team-b-key', 'group:default/team-b'],
    ]) {
      const res = await api(`/api/ai-components/secrets/${name}`, {
        method: 'PUT',
        headers: asService,
        body: { value: `value-of-${name}`, owner },
      });
      assert.equal(res.status, 200, res.text);
    }
  });

  async function capabilityPermissions() {
    const all = [];
    for (const plugin of PLUGINS) {
      const res = await api(
        `/api/${plugin}/.well-known/backstage/permissions/metadata`,
        { headers: asService },
      );
      assert.equal(res.status, 200);
      all.push(...res.json().permissions);
    }
    return all;
  }

  async function authorize(login, items) {
    const res = await api('/api/permission/authorize', {
      method: 'POST',
      headers: asUser(login),
      body: { items },
    });
    assert.equal(res.status, 200, res.text);
    return Object.fromEntries(res.json().items.map(i => [i.id, i.result]));
  }

  it('covers every permission the capabilities declare', async () => {
    const names = (await capabilityPermissions()).map(p => p.name).sort();
    assert.deepEqual(names, Object.keys(matrix).sort());
  });

  it('gives each role exactly its permissions, with ownership conditions for authors', async () => {
    const permissions = await capabilityPermissions();
    const columns = [
      ['ada', 0, 0],
      ['alice', 1, 2],
      ['oscar', 3, 3],
      ['vera', 4, 4],
      ['eve', 5, 5],
    ];
    const failures = [];
    for (const [login, ownColumn, otherColumn] of columns) {
      const items = [];
      const expected = {};
      for (const permission of permissions) {
        const row = matrix[permission.name];
        if (permission.type === 'resource') {
          for (const [which, column] of [
            ['own', ownColumn],
            ['other', otherColumn],
          ]) {
            const id = `${permission.name}@${which}`;
            items.push({
              id,
              permission,
              resourceRef: resources[permission.resourceType][which],
            });
            expected[id] = row[column];
          }
        } else {
          items.push({ id: permission.name, permission });
          expected[permission.name] = row[ownColumn];
        }
      }
      const actual = await authorize(login, items);
      for (const [id, result] of Object.entries(expected)) {
        if (actual[id] !== result)
          failures.push(
            `${login} ${id}: expected ${result}, got ${actual[id]}`,
          );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('lets an author of another group change only what that group owns', async () => {
    const update = (await capabilityPermissions()).find(
      p => p.name === 'ai-components.component.update',
    );
    const result = await authorize('bob', [
      {
        id: 'team-a',
        permission: update,
        resourceRef: resources['ai-component'].own,
      },
      {
        id: 'team-b',
        permission: update,
        resourceRef: resources['ai-component'].other,
      },
    ]);
    assert.deepEqual(result, { 'team-a': D, 'team-b': A });
  });

  it('opens the RBAC admin API to admins only', async () => {
    assert.equal(
      (await api('/api/permission/roles', { headers: asUser('ada') })).status,
      200,
    );
    assert.equal(
      (await api('/api/permission/roles', { headers: asUser('vera') })).status,
      403,
    );
  });
});

describe('catalog kinds', () => {
  const getEntity = ref => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return api(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`, {
      headers: asService,
    });
  };

  it('ingests AI components of all six types with owners', async () => {
    const res = await api(
      '/api/catalog/entities/by-query?filter=kind=aicomponent',
      { headers: asService },
    );
    const items = res.json().items;
    assert.deepEqual(
      [...new Set(items.map(e => e.spec.type))].sort(),
      EXAMPLE_COMPONENT_TYPES,
    );
    const model = items.find(e => e.metadata.name === 'gpt-4o-mini-chat');
    assert.ok(
      model.relations.some(
        r => r.type === 'ownedBy' && r.targetRef === 'group:default/team-a',
      ),
    );
  });

  it('relates a workflow to the components it uses', async () => {
    const res = await getEntity('aiworkflow:default/support-triage');
    assert.equal(res.status, 200);
    const dependsOn = res
      .json()
      .relations.filter(r => r.type === 'dependsOn')
      .map(r => r.targetRef)
      .sort();
    assert.deepEqual(dependsOn, [
      'aicomponent:default/gpt-4o-mini-chat',
      'aicomponent:default/label-exact-match',
      'aicomponent:default/support-agent',
      'aicomponent:default/ticket-classifier-prompt',
    ]);
    // The catalog's entity page links back to the console.
    const links = res.json().metadata.links.map(l => new URL(l.url).pathname);
    assert.deepEqual(links, [
      '/workflows/default/support-triage',
      '/executions',
      '/executions/metrics/workflows/default/support-triage',
    ]);
  });

  it('keeps invalid entities out and reports the field at fault', async () => {
    await waitFor(
      'processing errors of the invalid fixtures',
      async () =>
        backend.output().includes('broken-model') &&
        backend.output().includes('broken-workflow'),
    );
    assert.equal(
      (await getEntity('aicomponent:default/broken-model')).status,
      404,
    );
    assert.equal(
      (await getEntity('aiworkflow:default/broken-workflow')).status,
      404,
    );
    const log = backend.output();
    assert.match(
      log,
      /broken-model[\s\S]{0,2000}\/spec\/type must be equal to one of the allowed values|\/spec\/type must be equal to one of the allowed values[\s\S]{0,2000}broken-model/,
    );
    assert.match(log, /step 'first' needs\[0\]: needs unknown step 'nowhere'/);
  });
});

describe('rate limiting (Redis store)', () => {
  it('answers 429 to a client over the limit while other clients go on', async () => {
    const flooder = randomLoopbackAddress();
    const bystander = randomLoopbackAddress();
    const statuses = [];
    for (let i = 0; i < RATE_LIMIT + 10; i++) {
      const res = await request(`${backend.baseUrl}/api/ai-components/health`, {
        localAddress: flooder,
        headers: asService,
      });
      statuses.push(res.status);
    }
    assert.ok(
      statuses.slice(0, RATE_LIMIT - 5).every(s => s === 200),
      'requests under the limit succeed',
    );
    assert.equal(statuses.at(-1), 429);
    for (let i = 0; i < 5; i++) {
      const res = await request(`${backend.baseUrl}/api/ai-components/health`, {
        localAddress: bystander,
        headers: asService,
      });
      assert.equal(res.status, 200, 'another client is not limited');
    }
  });
});

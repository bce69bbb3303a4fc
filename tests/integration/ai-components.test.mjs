// The AI components registry as production runs it (PostgreSQL, Redis), with
// the catalog both ways, write-only secrets and a model call to a local
// OpenAI-compatible server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  productionConfigs,
  productionEnv,
  startBackend,
} from './lib/backend.mjs';
import { freePort, request, waitFor } from './lib/http.mjs';
import { dropDatabasesWithPrefix, postgres } from './lib/postgres.mjs';
import { startOpenAiCompatibleServer } from './lib/openaiServer.mjs';
import {
  EXAMPLE_COMPONENT_TYPES,
  EXAMPLE_COMPONENT_TYPES_ALL,
} from './lib/examples.mjs';

let port;
const dbPrefix = `aiops_it_${crypto.randomBytes(4).toString('hex')}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
const apiKey = `sk-local-${crypto.randomBytes(16).toString('hex')}`;
const wrongKey = `sk-wrong-${crypto.randomBytes(16).toString('hex')}`;

let backend;
let provider;
const responses = [];

async function api(path, { method = 'GET', body } = {}) {
  const res = await request(`${backend.baseUrl}/api/ai-components${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${externalToken}` },
  });
  responses.push(res.text);
  return res;
}

const chatComponent = () => ({
  name: 'local-chat',
  title: 'Local chat model',
  type: 'model',
  owner: 'group:default/team-b',
  lifecycle: 'experimental',
  tags: ['chat'],
  runtime: {
    type: 'openai-chat',
    config: {
      baseUrl: provider.baseUrl,
      model: 'gpt-4o-mini',
      secretRef: 'local-openai-key',
    },
  },
  inputSchema: {
    type: 'object',
    required: ['messages'],
    properties: { messages: { type: 'array' } },
  },
  outputSchema: {
    type: 'object',
    required: ['content'],
    properties: { content: { type: 'string' } },
  },
});

before(async () => {
  port = await freePort();
  provider = await startOpenAiCompatibleServer({ apiKey });
  backend = await startBackend({
    port,
    configs: productionConfigs(),
    env: productionEnv({ port, dbPrefix, externalToken, postgres }),
  });
});

after(async () => {
  await backend?.stop();
  await provider?.stop();
  await dropDatabasesWithPrefix(dbPrefix);
});

describe('catalog-info.yaml components in the registry', () => {
  it('shows them read-only, managed in Git, within one catalog refresh', async () => {
    const component = await waitFor('the examples to be mirrored', async () => {
      const res = await api('/components/default/gpt-4o-mini-chat');
      return res.status === 200 && res.json();
    });
    assert.equal(component.readOnly, true);
    assert.equal(component.source, 'catalog');
    assert.match(component.sourceLocation, /examples\/ai-components\.yaml$/);
    assert.equal(component.owner, 'group:default/team-a');
    assert.equal(component.spec.runtime.type, 'openai-chat');

    // The mirror imports the file's components one by one: wait for all.
    const catalogTypes = async () =>
      (await api('/components?limit=200'))
        .json()
        .items.filter(c => c.source === 'catalog')
        .map(c => c.type)
        .sort();
    await waitFor('every example component to be mirrored', async () =>
      (await catalogTypes()).length >= EXAMPLE_COMPONENT_TYPES_ALL.length
        ? true
        : undefined,
    );
    assert.deepEqual(await catalogTypes(), EXAMPLE_COMPONENT_TYPES_ALL);
    // The six kinds, each at least once.
    assert.deepEqual(EXAMPLE_COMPONENT_TYPES, [
      'agent',
      'dataset',
      'evaluator',
      'model',
      'prompt',
      'tool',
    ]);

    const { name: _name, ...fields } = chatComponent();
    const update = await api('/components/default/gpt-4o-mini-chat', {
      method: 'PUT',
      body: fields,
    });
    assert.equal(update.status, 409);
    assert.match(update.json().error.message, /managed in Git/);
    const del = await api('/components/default/gpt-4o-mini-chat', {
      method: 'DELETE',
    });
    assert.equal(del.status, 409);
  });
});

describe('components created through the API', () => {
  it('appear in the catalog as AIComponent entities with owner relations', async () => {
    const created = await api('/components', {
      method: 'POST',
      body: chatComponent(),
    });
    assert.equal(created.status, 201, created.text);
    const entity = await waitFor(
      'the entity provider to publish the component',
      async () => {
        const res = await request(
          `${backend.baseUrl}/api/catalog/entities/by-name/aicomponent/default/local-chat`,
          { headers: { authorization: `Bearer ${externalToken}` } },
        );
        return res.status === 200 && res.json();
      },
      { timeoutMs: 90_000 },
    );
    assert.equal(entity.spec.type, 'model');
    assert.ok(
      entity.relations.some(
        r => r.type === 'ownedBy' && r.targetRef === 'group:default/team-b',
      ),
    );
    assert.match(backend.output(), /component-create/);
  });

  it('follow edits and deletions into the catalog', async () => {
    const catalogEntity = async () => {
      const res = await request(
        `${backend.baseUrl}/api/catalog/entities/by-name/aicomponent/default/upper-case-draft`,
        { headers: { authorization: `Bearer ${externalToken}` } },
      );
      return res.status === 200 ? res.json() : res.status;
    };
    const fields = {
      title: 'Upper case (draft)',
      type: 'tool',
      owner: 'group:default/team-b',
      lifecycle: 'experimental',
      runtime: { type: 'jsonata', config: { expression: '$uppercase(text)' } },
      inputSchema: {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string' } },
      },
      outputSchema: { type: 'string' },
    };
    const created = await api('/components', {
      method: 'POST',
      body: { name: 'upper-case-draft', ...fields },
    });
    assert.equal(created.status, 201, created.text);
    await waitFor(
      'the entity provider to publish the draft',
      async () => typeof (await catalogEntity()) === 'object',
      { timeoutMs: 90_000 },
    );

    const updated = await api('/components/default/upper-case-draft', {
      method: 'PUT',
      body: { ...fields, lifecycle: 'production' },
    });
    assert.equal(updated.status, 200, updated.text);
    const edited = await waitFor(
      'the catalog to show the edit',
      async () => {
        const entity = await catalogEntity();
        return entity?.spec?.lifecycle === 'production' && entity;
      },
      { timeoutMs: 90_000 },
    );
    assert.equal(edited.metadata.title, 'Upper case (draft)');

    const deleted = await api('/components/default/upper-case-draft', {
      method: 'DELETE',
    });
    assert.equal(deleted.status, 204, deleted.text);
    await waitFor(
      'the catalog to drop the deleted component',
      async () => (await catalogEntity()) === 404,
      { timeoutMs: 90_000 },
    );
  });
});

describe('secrets and invocation', () => {
  it('calls the model with the stored key, prices the tokens and never shows the key', async () => {
    const stored = await api('/secrets/local-openai-key', {
      method: 'PUT',
      body: { value: apiKey },
    });
    assert.equal(stored.status, 200);

    const ok = await api('/components/default/local-chat/invoke', {
      method: 'POST',
      body: { input: { messages: [{ role: 'user', content: 'hello' }] } },
    });
    assert.equal(ok.status, 200, ok.text);
    const result = ok.json();
    assert.equal(result.output.content, 'echo: hello');
    assert.deepEqual(result.usage, { inputTokens: 1000, outputTokens: 500 });
    // gpt-4o-mini in app-config.yaml: 0.00015 in and 0.0006 out per 1000 tokens.
    assert.ok(
      Math.abs(result.costUsd - (0.00015 + 0.0003)) < 1e-9,
      `cost ${result.costUsd}`,
    );
    assert.ok(result.latencyMs > 0);
    assert.equal(provider.calls.at(-1).authorization, `Bearer ${apiKey}`);

    const limited = (
      await api('/components/default/local-chat/invoke', {
        method: 'POST',
        body: {
          input: {
            messages: [{ role: 'user', content: 'please rate limit me' }],
          },
        },
      })
    ).json();
    assert.equal(limited.error.code, 'RateLimited');
    assert.equal(limited.error.retryable, true);

    await api('/secrets/local-openai-key', {
      method: 'PUT',
      body: { value: wrongKey },
    });
    const rejected = (
      await api('/components/default/local-chat/invoke', {
        method: 'POST',
        body: { input: { messages: [{ role: 'user', content: 'hello' }] } },
      })
    ).json();
    assert.equal(rejected.error.code, 'ProviderRejected');
    assert.equal(rejected.error.retryable, false);

    const badInput = await api('/components/default/local-chat/invoke', {
      method: 'POST',
      body: { input: { messages: 'not a list' } },
    });
    assert.equal(badInput.status, 400);
    assert.match(badInput.json().error.message, /\/messages must be array/);

    const secrets = (await api('/secrets')).json();
    assert.deepEqual(
      secrets.items.map(s => s.name),
      ['local-openai-key'],
    );

    for (const value of [apiKey, wrongKey]) {
      assert.ok(
        !responses.some(text => text.includes(value)),
        'no API response holds a secret',
      );
      assert.ok(
        !backend.output().includes(value),
        'no log line holds a secret',
      );
    }
  });
});

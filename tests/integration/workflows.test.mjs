// Workflows as production runs them (PostgreSQL, Redis, RBAC): catalog-defined
// workflows mirrored read-only, console workflows published to the catalog
// with dependsOn relations, versions, labels, YAML round trip, and components
// that a workflow uses refusing deletion.
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

const dbPrefix = `aiops_it_${crypto.randomBytes(4).toString('hex')}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
let backend;

async function call(path, { method = 'GET', body } = {}) {
  return request(`${backend.baseUrl}/api${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${externalToken}` },
  });
}

const workflowDocument = (overrides = {}) => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name: 'triage-lite', title: 'Triage lite' },
  spec: {
    owner: 'group:default/team-b',
    lifecycle: 'experimental',
    input: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' } },
    },
    steps: [
      {
        id: 'prompt',
        component: 'aicomponent:default/ticket-classifier-prompt',
        with: { text: '${{ input.text }}' },
      },
      {
        id: 'classify',
        component: 'aicomponent:default/it-shout',
        needs: ['prompt'],
        with: { text: '${{ $string(steps.prompt.output.messages) }}' },
        ...overrides,
      },
    ],
    output: { label: '${{ steps.classify.output.text }}' },
  },
});

before(async () => {
  const port = await freePort();
  backend = await startBackend({
    port,
    configs: productionConfigs(),
    env: productionEnv({ port, dbPrefix, externalToken, postgres }),
  });
});

after(async () => {
  await backend?.stop();
  await dropDatabasesWithPrefix(dbPrefix);
});

describe('catalog-info.yaml workflows', () => {
  it('are mirrored read-only with the file that defines them', async () => {
    const workflow = await waitFor(
      'the example workflows to be mirrored',
      async () => {
        const res = await call('/workflows/workflows/default/support-triage');
        return res.status === 200 && res.json();
      },
    );
    assert.equal(workflow.source, 'catalog');
    assert.match(workflow.sourceLocation, /examples\/workflows\.yaml$/);
    assert.equal(workflow.document.spec.steps.length, 4);
    const refused = await call('/workflows/workflows/default/support-triage', {
      method: 'PUT',
      body: { document: workflow.document },
    });
    assert.equal(refused.status, 409, refused.text);
    // The examples, and the integration catalog's own fixture: the catalog
    // processes them one by one, so wait until all of them arrived.
    const list = await waitFor(
      'every catalog workflow to be mirrored',
      async () => {
        const page = (await call('/workflows/workflows?source=catalog')).json();
        return page.items.length >= 3 && page;
      },
    );
    assert.deepEqual(list.items.map(w => w.name).sort(), [
      'classifier-evaluation',
      'kb-answer',
      'support-triage',
    ]);
  });
});

describe('console workflows', () => {
  it('validate against the registry, version, label, round-trip YAML and reach the catalog with dependsOn', async () => {
    // A console component the workflow uses.
    const component = await call('/ai-components/components', {
      method: 'POST',
      body: {
        name: 'it-shout',
        type: 'tool',
        owner: 'group:default/team-b',
        lifecycle: 'experimental',
        tags: [],
        runtime: {
          type: 'jsonata',
          config: { expression: '{"text": $uppercase(text)}' },
        },
        inputSchema: {
          type: 'object',
          required: ['text'],
          properties: { text: { type: 'string' } },
        },
        outputSchema: {
          type: 'object',
          properties: { text: { type: 'string' } },
        },
      },
    });
    assert.equal(component.status, 201, component.text);
    await waitFor(
      'the example components to be mirrored',
      async () =>
        (
          await call(
            '/ai-components/components/default/ticket-classifier-prompt',
          )
        ).status === 200,
    );

    // Invalid: a type mismatch found through the component's input schema.
    const invalid = await call('/workflows/workflows', {
      method: 'POST',
      body: { document: workflowDocument({ with: { text: 42 } }) },
    });
    assert.equal(invalid.status, 400, invalid.text);
    assert.match(
      invalid.json().error.message,
      /step 'classify' with\.text: .*expects a string/,
    );

    const created = await call('/workflows/workflows', {
      method: 'POST',
      body: { document: workflowDocument() },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json().latestVersion, 1);

    const saved = await call('/workflows/workflows/default/triage-lite', {
      method: 'PUT',
      body: {
        document: workflowDocument({ timeout: '30s' }),
        message: 'time limit',
      },
    });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json().workflow.latestVersion, 2);
    const diff = (
      await call('/workflows/workflows/default/triage-lite/diff?from=1&to=2')
    ).json();
    assert.deepEqual(diff.steps.changed, [
      {
        id: 'classify',
        changes: [{ path: 'timeout', kind: 'added', after: '30s' }],
      },
    ]);

    const labelled = await call(
      '/workflows/workflows/default/triage-lite/labels/production',
      {
        method: 'PUT',
        body: { version: 1 },
      },
    );
    assert.equal(labelled.status, 200, labelled.text);
    assert.deepEqual(labelled.json().labels, { production: 1 });

    const exported = await call(
      '/workflows/workflows/default/triage-lite/export',
    );
    assert.equal(exported.status, 200);
    const imported = await call('/workflows/import', {
      method: 'POST',
      body: { yaml: exported.text },
    });
    assert.equal(imported.status, 200, imported.text);
    assert.equal(imported.json().changed, false);

    const entity = await waitFor(
      'the entity provider to publish the workflow',
      async () => {
        const res = await call(
          '/catalog/entities/by-name/aiworkflow/default/triage-lite',
        );
        return res.status === 200 && res.json();
      },
      { timeoutMs: 90_000 },
    );
    const dependsOn = entity.relations
      .filter(r => r.type === 'dependsOn')
      .map(r => r.targetRef)
      .sort();
    assert.deepEqual(dependsOn, [
      'aicomponent:default/it-shout',
      'aicomponent:default/ticket-classifier-prompt',
    ]);

    const refused = await call('/ai-components/components/default/it-shout', {
      method: 'DELETE',
    });
    assert.equal(refused.status, 409, refused.text);
    assert.match(
      refused.json().error.message,
      /aiworkflow:default\/triage-lite/,
    );

    assert.equal(
      (
        await call('/workflows/workflows/default/triage-lite', {
          method: 'DELETE',
        })
      ).status,
      204,
    );
    assert.equal(
      (
        await call('/ai-components/components/default/it-shout', {
          method: 'DELETE',
        })
      ).status,
      204,
    );
    assert.match(backend.output(), /workflow-create/);
  });
});

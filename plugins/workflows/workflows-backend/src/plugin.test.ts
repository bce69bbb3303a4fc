import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real registry in the same backend, so that component refs are resolved
// through its API as in production (a test-only import of another plugin).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiComponentsPlugin from '@ai-ops/plugin-ai-components-backend';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
import request from 'supertest';
import { workflowsPlugin } from './plugin';

jest.setTimeout(60_000);

const config = {
  aiComponents: {
    secrets: {
      keys: [{ id: 'test', secret: Buffer.alloc(32, 7).toString('base64') }],
    },
  },
};

const textSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
};

const upperCase = {
  name: 'upper-case',
  type: 'tool',
  owner: 'team-a',
  lifecycle: 'experimental',
  runtime: {
    type: 'jsonata',
    config: { expression: '{ "text": $uppercase(text) }' },
  },
  inputSchema: textSchema,
  outputSchema: textSchema,
};

const workflow = (name: string, component: string) => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name },
  spec: {
    owner: 'team-a',
    lifecycle: 'experimental',
    input: textSchema,
    steps: [{ id: 'upper', component, with: { text: '${{ input.text }}' } }],
    output: { text: '${{ steps.upper.output.text }}' },
  },
});

/** An AIWorkflow as the catalog holds it after reading a catalog-info.yaml. */
const fromGit = {
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: {
    name: 'from-git',
    namespace: 'default',
    uid: 'c0ffee',
    etag: 'abc',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://git.example.com/repo/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://git.example.com/repo/catalog-info.yaml',
      'ai-ops.dev/team-channel': '#triage',
    },
  },
  spec: {
    owner: 'team-b',
    lifecycle: 'production',
    steps: [{ id: 'only', component: 'aicomponent:default/not-registered' }],
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-b' }],
};

/** One the catalog got from this plugin; the mirror must skip it. */
const fromConsole = {
  ...fromGit,
  metadata: {
    ...fromGit.metadata,
    name: 'from-console',
    annotations: {
      'backstage.io/managed-by-location': 'workflows:console',
      'backstage.io/managed-by-origin-location': 'workflows:console',
    },
  },
};

/** Structurally invalid: logged and skipped. */
const broken = {
  ...fromGit,
  metadata: { ...fromGit.metadata, name: 'broken' },
  spec: { owner: 'team-b', lifecycle: 'production', steps: [] },
};

async function start(
  options: { deny?: boolean; hideComponents?: () => boolean } = {},
) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          options.deny ||
          (r.permission.name === 'ai-components.component.read' &&
            options.hideComponents?.())
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      })),
  });
  const { server } = await startTestBackend({
    features: [
      workflowsPlugin,
      aiComponentsPlugin,
      runtimesFeature,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities: [fromGit, fromConsole, broken] }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      permissions.factory,
    ],
  });
  return server;
}

describe('workflowsPlugin', () => {
  it('validates against the real ai-components registry, on behalf of the caller', async () => {
    let hidden = false;
    const server = await start({ hideComponents: () => hidden });
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);

    const created = await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('shout', 'upper-case') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ref: 'aiworkflow:default/shout',
      owner: 'group:default/team-a',
      latestVersion: 1,
    });

    const mismatch = await request(server)
      .post('/api/workflows/validate')
      .send({
        document: {
          ...workflow('typed', 'aicomponent:default/upper-case'),
          spec: {
            ...workflow('typed', 'x').spec,
            steps: [
              { id: 'upper', component: 'upper-case', with: { text: 42 } },
            ],
            output: undefined,
          },
        },
      });
    expect(mismatch.body.valid).toBe(false);
    expect(mismatch.body.issues).toEqual([
      expect.objectContaining({
        code: 'type-mismatch',
        stepId: 'upper',
        field: 'with.text',
      }),
    ]);

    const unknown = await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('ghostly', 'aicomponent:default/ghost') });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /Invalid workflow: step 'upper' component: unknown component 'aicomponent:default\/ghost'/,
    );

    // A component the caller may not read is unknown to them.
    hidden = true;
    const unreadable = await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('hidden', 'upper-case') });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.message).toMatch(
      /unknown component 'upper-case'/,
    );
    hidden = false;

    // The registry asks the workflows API who uses a component.
    const deleteUsed = await request(server).delete(
      '/api/ai-components/components/default/upper-case',
    );
    expect(deleteUsed.status).toBe(409);
    expect(deleteUsed.body.error.message).toMatch(/aiworkflow:default\/shout/);
  });

  it('mirrors catalog-info.yaml workflows as read-only, skipping its own and broken ones', async () => {
    const server = await start();
    const list = await request(server).get('/api/workflows/workflows');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        ref: 'aiworkflow:default/from-git',
        source: 'catalog',
        sourceLocation: 'https://git.example.com/repo/catalog-info.yaml',
        owner: 'group:default/team-b',
      }),
    ]);
    const read = await request(server).get(
      '/api/workflows/workflows/default/from-git',
    );
    expect(read.body.document.metadata).toEqual({
      name: 'from-git',
      namespace: 'default',
      annotations: { 'ai-ops.dev/team-channel': '#triage' },
    });
    const put = await request(server)
      .put('/api/workflows/workflows/default/from-git')
      .send({ document: workflow('from-git', 'upper-case') });
    expect(put.status).toBe(409);
    expect(put.body.error.message).toMatch(
      /defined in https:\/\/git.example.com\/repo\/catalog-info.yaml/,
    );
  });

  it('exports console workflows to service callers for the catalog', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);
    await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('shout', 'upper-case') })
      .expect(201);
    await request(server).get('/api/workflows/catalog-entities').expect(403);
    const res = await request(server)
      .get('/api/workflows/catalog-entities')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        kind: 'AIWorkflow',
        metadata: expect.objectContaining({ name: 'shout' }),
      }),
    ]);
  });

  it('answers 403 when permissions are denied, and lists nothing', async () => {
    const server = await start({ deny: true });
    const create = await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('shout', 'upper-case') });
    expect(create.status).toBe(403);
    const list = await request(server).get('/api/workflows/workflows');
    expect(list.body).toEqual({ items: [], totalItems: 0 });
  });

  it('publishes its permissions and the IS_OWNER rule', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/workflows/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'workflows.workflow.read',
        'workflows.workflow.create',
        'workflows.workflow.update',
        'workflows.workflow.delete',
        'workflows.workflow.promote',
      ]),
    );
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_OWNER',
        resourceType: 'ai-workflow',
      }),
    ]);
  });

  it('applies the ownership condition to workflows in the store', async () => {
    const server = await start();
    await request(server)
      .post('/api/ai-components/components')
      .send(upperCase)
      .expect(201);
    await request(server)
      .post('/api/workflows/workflows')
      .send({ document: workflow('shout', 'upper-case') })
      .expect(201);
    const conditions = {
      rule: 'IS_OWNER',
      resourceType: 'ai-workflow',
      params: { claims: ['user:default/alice', 'Group:default/Team-A'] },
    };
    const item = (id: string, resourceRef: string, claims?: string[]) => ({
      id,
      resourceType: 'ai-workflow',
      resourceRef,
      conditions: claims ? { ...conditions, params: { claims } } : conditions,
    });
    const res = await request(server)
      .post('/api/workflows/.well-known/backstage/permissions/apply-conditions')
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: [
          // Created in the console a moment ago: not in the catalog yet.
          item('1', 'aiworkflow:default/shout'),
          item('2', 'aiworkflow:default/shout', ['group:default/team-b']),
          item('3', 'aiworkflow:default/missing'),
          // Mirrored from the catalog.
          item('4', 'aiworkflow:default/from-git', ['group:default/team-b']),
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: '1', result: 'ALLOW' },
      { id: '2', result: 'DENY' },
      { id: '3', result: 'DENY' },
      { id: '4', result: 'ALLOW' },
    ]);
  });
});

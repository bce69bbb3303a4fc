import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { ComponentInfo } from '@ai-ops/plugin-workflows-common';
import express from 'express';
import request from 'supertest';
import { DatabaseWorkflowStore } from '../database/DatabaseWorkflowStore';
import { isOwnerRule } from '../permissions/ownership';
import { ComponentResolver, parseComponentRef } from './componentResolver';
import { createRouter } from './router';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const textSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
};

/** The registry as the test's caller sees it, by canonical ref. */
const registry: Record<string, ComponentInfo> = {
  'aicomponent:default/upper-case': {
    type: 'tool',
    inputSchema: textSchema,
    outputSchema: textSchema,
  },
  'aicomponent:default/count-words': {
    type: 'tool',
    inputSchema: textSchema,
    outputSchema: {
      type: 'object',
      properties: { count: { type: 'integer' } },
    },
  },
};

/** Test double of the ai-components look-up: the registry above, keyed as written. */
class RegistryResolver implements ComponentResolver {
  readonly callers: BackstageCredentials[] = [];

  async resolve(refs: string[], credentials: BackstageCredentials) {
    this.callers.push(credentials);
    const found = new Map<string, ComponentInfo>();
    for (const ref of refs) {
      const key = parseComponentRef(ref);
      const info = key && registry[`aicomponent:${key.namespace}/${key.name}`];
      if (info) found.set(ref, info);
    }
    return found;
  }
}

type Document = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
};

function doc(
  name = 'shout',
  overrides: {
    metadata?: Record<string, unknown>;
    spec?: Record<string, unknown>;
  } = {},
): Document {
  return {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name, title: 'Shout', ...overrides.metadata },
    spec: {
      owner: 'team-a',
      lifecycle: 'experimental',
      input: textSchema,
      steps: [
        {
          id: 'upper',
          component: 'aicomponent:default/upper-case',
          with: { text: '${{ input.text }}' },
        },
        {
          id: 'again',
          // A short ref, resolved with the AIComponent kind and default namespace.
          component: 'upper-case',
          needs: ['upper'],
          with: { text: '${{ steps.upper.output.text }}' },
        },
      ],
      output: { text: '${{ steps.again.output.text }}' },
      ...overrides.spec,
    },
  };
}

const yamlDoc = `apiVersion: ai-ops.dev/v1alpha1
kind: AIWorkflow
metadata:
  name: from-yaml
spec:
  owner: group:default/team-b
  lifecycle: production
  steps:
    - id: count
      component: aicomponent:default/count-words
      with:
        text: \${{ input.text }}   # a comment that export keeps
`;

type Decide = (permission: string, resourceRef?: string) => AuthorizeResult;

async function start(
  options: {
    decide?: Decide;
    readConditions?: PermissionCriteria<PermissionCondition<'ai-workflow'>>;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseWorkflowStore.create({
    database: mockServices.database({ knex }),
  });
  const decide: Decide = options.decide ?? (() => AuthorizeResult.ALLOW);
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: decide(
          r.permission.name,
          'resourceRef' in r ? r.resourceRef : undefined,
        ) as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
      })),
    authorizeConditional: async requests =>
      requests.map(r =>
        options.readConditions
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'workflows',
              resourceType: 'ai-workflow',
              conditions: options.readConditions,
            }
          : {
              result: decide(r.permission.name) as
                | AuthorizeResult.ALLOW
                | AuthorizeResult.DENY,
            },
      ),
  });
  const permissionsRegistry = mockServices.permissionsRegistry.mock({
    getPermissionRuleset: jest.fn().mockReturnValue({
      getRuleByName: (name: string) => {
        if (name !== isOwnerRule.name) throw new Error(`No rule ${name}`);
        return isOwnerRule;
      },
    }),
  });
  const auditor = mockServices.auditor.mock();
  const components = new RegistryResolver();
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      permissionsRegistry,
      auditor,
      store,
      components,
    }),
  );
  app.use(mockErrorHandler());
  return { app, store, auditor, components };
}

const owned = (claims: string[]) => ({
  rule: 'IS_OWNER',
  resourceType: 'ai-workflow' as const,
  params: { claims },
});

/** Deny one permission, allow the rest. */
const denying =
  (name: string): Decide =>
  permission =>
    permission === name ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;

async function createCatalogWorkflow(store: DatabaseWorkflowStore) {
  const document = doc('from-git') as any;
  document.metadata.namespace = 'default';
  await store.create(
    { namespace: 'default', name: 'from-git' },
    { document },
    {
      source: 'catalog',
      sourceLocation: 'https://git.example.com/repo/catalog-info.yaml',
    },
  );
}

describe('workflows router', () => {
  it('answers /health for users and services, 401 without credentials', async () => {
    const { app } = await start();
    await request(app).get('/health').expect(200, { status: 'ok' });
    await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.service.header())
      .expect(200, { status: 'ok' });
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 401 without credentials on every route', async () => {
    const { app } = await start();
    const w = '/workflows/default/x';
    const routes: Array<[string, string, object?]> = [
      ['post', '/validate', { document: doc() }],
      ['post', '/import', { document: doc() }],
      ['get', '/usage?component=upper-case'],
      ['get', '/catalog-entities'],
      ['get', '/workflows'],
      ['post', '/workflows', { document: doc() }],
      ['get', w],
      ['put', w, { document: doc('x') }],
      ['delete', w],
      ['get', `${w}/export`],
      ['get', `${w}/versions`],
      ['get', `${w}/versions/1`],
      ['post', `${w}/versions/1/restore`, {}],
      ['get', `${w}/diff?from=1&to=1`],
      ['get', `${w}/labels`],
      ['put', `${w}/labels/production`, { version: 1 }],
      ['delete', `${w}/labels/production`],
      ['get', `${w}/triggers`],
      ['post', `${w}/triggers`, { type: 'webhook' }],
      ['put', `${w}/triggers/t1`, { type: 'webhook' }],
      ['delete', `${w}/triggers/t1`],
    ];
    for (const [method, path, body] of routes) {
      const req = (request(app) as any)
        [method](path)
        .set('Authorization', mockCredentials.none.header());
      const res = await (body ? req.send(body) : req);
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  describe('create', () => {
    it('creates a workflow from JSON, resolving components as the caller', async () => {
      const { app, auditor, components } = await start();
      const res = await request(app)
        .post('/workflows')
        .send({ document: doc(), message: 'first' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        ref: 'aiworkflow:default/shout',
        namespace: 'default',
        name: 'shout',
        title: 'Shout',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        source: 'console',
        latestVersion: 1,
        labels: {},
        stepCount: 2,
        createdBy: 'user:default/mock',
      });
      // Stored with full refs, however they were written.
      expect(res.body.componentRefs).toEqual([
        'aicomponent:default/upper-case',
      ]);
      expect(res.body.document.metadata.namespace).toBe('default');
      expect(res.body.document.spec.owner).toBe('group:default/team-a');
      expect(res.body.document.spec.steps[1].component).toBe(
        'aicomponent:default/upper-case',
      );
      expect(components.callers[0].principal).toEqual(
        mockCredentials.user().principal,
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'workflow-create',
          severityLevel: 'medium',
          meta: expect.objectContaining({ ref: 'aiworkflow:default/shout' }),
        }),
      );
    });

    it('creates a workflow from YAML and exports the text as it was', async () => {
      const { app } = await start();
      const res = await request(app).post('/workflows').send({ yaml: yamlDoc });
      expect(res.status).toBe(201);
      expect(res.body.owner).toBe('group:default/team-b');
      const exported = await request(app).get(
        '/workflows/default/from-yaml/export',
      );
      expect(exported.status).toBe(200);
      expect(exported.headers['content-type']).toMatch(/^application\/yaml/);
      expect(exported.text).toBe(yamlDoc);
    });

    it('refuses a taken name with 409', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const res = await request(app)
        .post('/workflows')
        .send({ document: doc() });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/name: .*already exists/);
    });

    const cycle = doc('cyclic', {
      spec: {
        steps: [
          {
            id: 'a',
            component: 'upper-case',
            needs: ['b'],
            with: { text: '${{ input.text }}' },
          },
          {
            id: 'b',
            component: 'upper-case',
            needs: ['a'],
            with: { text: '${{ input.text }}' },
          },
        ],
        output: undefined,
      },
    });

    it.each<[string, object, RegExp]>([
      [
        'both document and yaml',
        { document: doc(), yaml: yamlDoc },
        /^document: .*not both/,
      ],
      ['neither document nor yaml', { message: 'hi' }, /^document: /],
      [
        'a YAML syntax error',
        { yaml: 'apiVersion: ai-ops.dev/v1alpha1\nkind: [AIWorkflow\n' },
        /^yaml: YAML line \d+, column \d+: /,
      ],
      [
        'a duplicate YAML key',
        { yaml: `${yamlDoc}kind: Again\n` },
        /^yaml: YAML line 13, column 1: /,
      ],
      ['a cycle', { document: cycle }, /Invalid workflow: .*cycle: a -> b/],
      [
        'an unknown component',
        {
          document: doc('shout', {
            spec: {
              steps: [
                {
                  id: 'only',
                  component: 'aicomponent:default/nope',
                  with: { text: 'x' },
                },
              ],
              output: undefined,
            },
          }),
        },
        /Invalid workflow: step 'only' component: unknown component 'aicomponent:default\/nope'/,
      ],
      [
        'an invalid name',
        { document: doc('Not A Name') },
        /Invalid workflow: metadata.name: /,
      ],
      [
        'an owner that is not an entity ref',
        { document: doc('shout', { spec: { owner: 'group:' } }) },
        /Invalid workflow: spec.owner: 'group:' is not an entity ref/,
      ],
      [
        'a document without spec (schema of the contract)',
        {
          document: {
            apiVersion: 'ai-ops.dev/v1alpha1',
            kind: 'AIWorkflow',
            metadata: { name: 'x' },
          },
        },
        /document.*spec/,
      ],
      [
        'an unknown field of the input',
        { document: doc(), colour: 'red' },
        /colour|additional/i,
      ],
    ])('answers 400 for %s, storing nothing', async (_, body, message) => {
      const { app } = await start();
      const res = await request(app).post('/workflows').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      const list = await request(app).get('/workflows');
      expect(list.body.totalItems).toBe(0);
    });

    it('answers 403 when create is denied, before looking at the document', async () => {
      const { app, components } = await start({
        decide: denying('workflows.workflow.create'),
      });
      const res = await request(app)
        .post('/workflows')
        .send({ document: doc() });
      expect(res.status).toBe(403);
      expect(components.callers).toHaveLength(0);
    });

    it('refuses an oversized body with 413', async () => {
      const { app } = await start();
      const res = await request(app)
        .post('/workflows')
        .send({
          document: doc('huge', {
            metadata: { description: 'x'.repeat(600 * 1024) },
          }),
        });
      expect(res.status).toBe(413);
    });
  });

  describe('validate', () => {
    it('reports issues with 200 without saving', async () => {
      const { app } = await start();
      const bad = doc('shout', {
        spec: {
          steps: [
            {
              id: 'only',
              component: 'ghost',
              with: { text: '${{ steps.nope.output }}' },
            },
          ],
          output: undefined,
        },
      });
      const res = await request(app).post('/validate').send({ document: bad });
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'unknown-component',
            stepId: 'only',
            field: 'component',
          }),
          expect.objectContaining({ code: 'expression-step', stepId: 'only' }),
        ]),
      );
      const ok = await request(app)
        .post('/validate')
        .set('Authorization', mockCredentials.service.header())
        .send({ yaml: yamlDoc });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        valid: true,
        issues: [],
        document: { metadata: { name: 'from-yaml' } },
      });
      expect((await request(app).get('/workflows')).body.totalItems).toBe(0);
    });

    it('answers 400 for YAML that does not parse', async () => {
      const { app } = await start();
      const res = await request(app)
        .post('/validate')
        .send({ yaml: 'metadata:\n  name: [x\n' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^yaml: YAML line \d+/);
    });

    it('resolves sub-workflows in the store and refuses self-calls', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const calling = (name: string, workflow: string) =>
        doc(name, {
          spec: {
            steps: [{ id: 'child', workflow, with: { text: 'hi' } }],
            output: undefined,
          },
        });
      const known = await request(app)
        .post('/validate')
        .send({ document: calling('parent', 'shout@production') });
      expect(known.body).toMatchObject({ valid: true });
      const unknown = await request(app)
        .post('/validate')
        .send({ document: calling('parent', 'aiworkflow:default/ghost') });
      expect(unknown.body.issues).toEqual([
        expect.objectContaining({ code: 'unknown-workflow' }),
      ]);
      const self = await request(app)
        .put('/workflows/default/shout')
        .send({ document: calling('shout', 'shout') });
      expect(self.status).toBe(400);
      expect(self.body.error.message).toMatch(
        /cannot run itself as a sub-workflow/,
      );
    });

    it('counts sub-workflows the caller may not read as unknown', async () => {
      const { app } = await start({
        decide: (permission, ref) =>
          permission === 'workflows.workflow.read' &&
          ref === 'aiworkflow:default/shout'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      });
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const res = await request(app)
        .post('/validate')
        .send({
          document: doc('parent', {
            spec: {
              steps: [{ id: 'child', workflow: 'shout' }],
              output: undefined,
            },
          }),
        });
      expect(res.body.issues).toEqual([
        expect.objectContaining({ code: 'unknown-workflow' }),
      ]);
    });
  });

  describe('read', () => {
    it('lists with filters and paging, and reads one workflow', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      await request(app).post('/workflows').send({ yaml: yamlDoc }).expect(201);
      const all = await request(app).get('/workflows?sort=name&order=desc');
      expect(all.status).toBe(200);
      expect(all.body.totalItems).toBe(2);
      expect(all.body.items.map((w: { name: string }) => w.name)).toEqual([
        'shout',
        'from-yaml',
      ]);
      expect(all.body.items[0].document).toBeUndefined();

      const page = await request(app).get('/workflows?limit=1');
      expect(page.body.items).toHaveLength(1);
      const next = await request(app).get(
        `/workflows?limit=1&cursor=${page.body.nextCursor}`,
      );
      expect(next.body.items[0].name).toBe('shout');

      const byOwner = await request(app).get('/workflows').query({
        owner: 'team-b',
        lifecycle: 'production',
        source: 'console',
      });
      expect(byOwner.body.items.map((w: { name: string }) => w.name)).toEqual([
        'from-yaml',
      ]);
      const byComponent = await request(app).get(
        '/workflows?component=count-words',
      );
      expect(
        byComponent.body.items.map((w: { name: string }) => w.name),
      ).toEqual(['from-yaml']);

      const one = await request(app).get('/workflows/default/shout');
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        ref: 'aiworkflow:default/shout',
        document: { kind: 'AIWorkflow' },
      });
    });

    it('answers 400 for a bad query and 404 for an unknown workflow', async () => {
      const { app } = await start();
      const bad = await request(app).get('/workflows?sort=colour');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/sort/);
      const badComponent = await request(app)
        .get('/usage')
        .query({ component: 'group:x' });
      expect(badComponent.status).toBe(400);
      expect(badComponent.body.error.message).toMatch(/^component: /);
      for (const path of [
        '/workflows/default/ghost',
        '/workflows/default/ghost/export',
        '/workflows/default/ghost/versions',
        '/workflows/default/ghost/versions/1',
        '/workflows/default/ghost/diff?from=1&to=2',
        '/workflows/default/ghost/labels',
        '/workflows/default/ghost/triggers',
      ]) {
        const res = await request(app).get(path);
        expect([path, res.status]).toEqual([path, 404]);
      }
    });

    it('lists only what a conditional decision allows, in the query', async () => {
      const { app } = await start({
        readConditions: owned(['group:default/team-b']),
      });
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      await request(app).post('/workflows').send({ yaml: yamlDoc }).expect(201);
      const list = await request(app).get('/workflows');
      expect(list.body).toMatchObject({
        totalItems: 1,
        items: [{ name: 'from-yaml' }],
      });
      const usage = await request(app)
        .get('/usage')
        .query({ component: 'aicomponent:default/upper-case' });
      expect(usage.body).toEqual({ items: [] });
      const used = await request(app).get('/usage?component=count-words');
      expect(used.body).toEqual({
        items: [{ ref: 'aiworkflow:default/from-yaml', latestVersion: 1 }],
      });
    });

    it('lists nothing and hides single workflows when read is denied', async () => {
      const { app, store } = await start({
        decide: denying('workflows.workflow.read'),
      });
      await createCatalogWorkflow(store);
      expect((await request(app).get('/workflows')).body).toEqual({
        items: [],
        totalItems: 0,
      });
      expect(
        (await request(app).get('/usage?component=upper-case')).body,
      ).toEqual({ items: [] });
      const one = await request(app).get('/workflows/default/from-git');
      expect(one.status).toBe(404);
    });

    it('lists the workflows using a component', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const res = await request(app)
        .get('/usage')
        .query({ component: 'aicomponent:default/upper-case' })
        .set('Authorization', mockCredentials.service.header());
      expect(res.body).toEqual({
        items: [
          {
            ref: 'aiworkflow:default/shout',
            title: 'Shout',
            latestVersion: 1,
          },
        ],
      });
    });
  });

  describe('update, versions, restore and diff', () => {
    it('versions a workflow, diffs, restores and exports versions', async () => {
      const { app, auditor } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const changedDoc = doc('shout', {
        metadata: { title: 'Shout twice' },
      });
      const put = await request(app)
        .put('/workflows/default/shout')
        .send({ document: changedDoc, message: 'retitled' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        changed: true,
        workflow: { latestVersion: 2, title: 'Shout twice' },
      });
      const same = await request(app)
        .put('/workflows/default/shout')
        .send({ document: changedDoc });
      expect(same.body).toMatchObject({
        changed: false,
        workflow: { latestVersion: 2 },
      });

      await request(app)
        .put('/workflows/default/shout/labels/production')
        .send({ version: 1 })
        .expect(200);

      const versions = await request(app).get(
        '/workflows/default/shout/versions',
      );
      expect(versions.body.items).toEqual([
        expect.objectContaining({
          version: 2,
          message: 'retitled',
          labels: [],
        }),
        expect.objectContaining({ version: 1, labels: ['production'] }),
      ]);
      expect(versions.body.items[0].document).toBeUndefined();
      const v1 = await request(app).get('/workflows/default/shout/versions/1');
      expect(v1.body).toMatchObject({
        version: 1,
        labels: ['production'],
        document: { metadata: { title: 'Shout' } },
      });
      await request(app).get('/workflows/default/shout/versions/9').expect(404);

      const diff = await request(app).get(
        '/workflows/default/shout/diff?from=1&to=2',
      );
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({
        from: 1,
        to: 2,
        identical: false,
        metadata: [
          {
            path: 'metadata.title',
            kind: 'changed',
            before: 'Shout',
            after: 'Shout twice',
          },
        ],
        steps: { added: [], removed: [], changed: [], reordered: false },
      });
      await request(app)
        .get('/workflows/default/shout/diff?from=1&to=7')
        .expect(404);

      const byLabel = await request(app).get(
        '/workflows/default/shout/export?label=production',
      );
      expect(byLabel.text).toMatch(/title: Shout\n/);
      const byVersion = await request(app).get(
        '/workflows/default/shout/export?version=2',
      );
      expect(byVersion.text).toMatch(/title: Shout twice\n/);
      await request(app)
        .get('/workflows/default/shout/export?label=staging')
        .expect(404);
      await request(app)
        .get('/workflows/default/shout/export?version=5')
        .expect(404);
      const both = await request(app).get(
        '/workflows/default/shout/export?version=1&label=production',
      );
      expect(both.status).toBe(400);
      expect(both.body.error.message).toMatch(/^version: /);

      const restored = await request(app)
        .post('/workflows/default/shout/versions/1/restore')
        .send({});
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({
        changed: true,
        workflow: { latestVersion: 3, title: 'Shout' },
      });
      const v3 = await request(app).get('/workflows/default/shout/versions/3');
      expect(v3.body).toMatchObject({
        restoredFrom: 1,
        message: 'Restored version 1',
      });
      await request(app)
        .post('/workflows/default/shout/versions/8/restore')
        .send({})
        .expect(404);

      const eventIds = auditor.createEvent.mock.calls.map(
        ([event]) => event.eventId,
      );
      expect(eventIds).toEqual([
        'workflow-create',
        'workflow-update',
        'workflow-update',
        'workflow-label',
        'workflow-restore',
      ]);
    });

    it('refuses a document named differently from the path', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const renamed = await request(app)
        .put('/workflows/default/shout')
        .send({ document: doc('whisper') });
      expect(renamed.status).toBe(400);
      expect(renamed.body.error.message).toMatch(/^metadata.name: /);
      const moved = await request(app)
        .put('/workflows/default/shout')
        .send({ document: doc('shout', { metadata: { namespace: 'other' } }) });
      expect(moved.status).toBe(400);
      expect(moved.body.error.message).toMatch(/^metadata.namespace: /);
      const yamlError = await request(app)
        .put('/workflows/default/shout')
        .send({ yaml: 'a: [' });
      expect(yamlError.status).toBe(400);
      expect(yamlError.body.error.message).toMatch(/^yaml: YAML line 1/);
    });

    it('refuses to restore a version whose components are gone', async () => {
      const { app, store } = await start();
      // A version saved when a component existed that the registry no longer has.
      const document = doc('legacy', {
        spec: {
          steps: [{ id: 'old', component: 'retired', with: { text: 'x' } }],
          output: undefined,
        },
      }) as any;
      document.metadata.namespace = 'default';
      document.spec.owner = 'group:default/team-a';
      await store.create(
        { namespace: 'default', name: 'legacy' },
        { document },
        { source: 'console' },
      );
      await request(app)
        .put('/workflows/default/legacy')
        .send({ document: doc('legacy') })
        .expect(200);
      const res = await request(app)
        .post('/workflows/default/legacy/versions/1/restore')
        .send({ message: 'back' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /Invalid workflow: step 'old' component: unknown component 'retired'/,
      );
    });

    it('answers 404 for an unknown workflow and 403 when update is denied', async () => {
      const { app } = await start({
        decide: denying('workflows.workflow.update'),
      });
      const missing = await request(app)
        .put('/workflows/default/ghost')
        .send({ document: doc('ghost') });
      expect(missing.status).toBe(404);
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      for (const [method, path, body] of [
        ['put', '/workflows/default/shout', { document: doc() }],
        ['post', '/workflows/default/shout/versions/1/restore', {}],
        ['post', '/workflows/default/shout/triggers', { type: 'webhook' }],
        ['put', '/workflows/default/shout/triggers/t1', { type: 'webhook' }],
        ['delete', '/workflows/default/shout/triggers/t1', undefined],
        ['post', '/import', { document: doc() }],
      ] as const) {
        const req = (request(app) as any)[method](path);
        const res = await (body ? req.send(body) : req);
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    });
  });

  describe('delete', () => {
    it('deletes a workflow, 403 when denied, 404 when unknown', async () => {
      const denied = await start({
        decide: denying('workflows.workflow.delete'),
      });
      await request(denied.app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      await request(denied.app).delete('/workflows/default/shout').expect(403);

      const { app, auditor } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      await request(app).delete('/workflows/default/shout').expect(204);
      await request(app).get('/workflows/default/shout').expect(404);
      await request(app).delete('/workflows/default/shout').expect(404);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'workflow-delete' }),
      );
    });
  });

  describe('catalog-defined workflows', () => {
    it('are read-only: 409 naming where they are defined', async () => {
      const { app, store } = await start();
      await createCatalogWorkflow(store);
      const location =
        /defined in https:\/\/git.example.com\/repo\/catalog-info.yaml/;
      for (const [method, path, body] of [
        ['put', '/workflows/default/from-git', { document: doc('from-git') }],
        ['delete', '/workflows/default/from-git', undefined],
        ['post', '/workflows/default/from-git/versions/1/restore', {}],
        ['post', '/import', { document: doc('from-git') }],
      ] as const) {
        const req = (request(app) as any)[method](path);
        const res = await (body ? req.send(body) : req);
        expect([method, path, res.status]).toEqual([method, path, 409]);
        expect(res.body.error.message).toMatch(location);
      }
      // Labels and triggers are not part of the definition.
      await request(app)
        .put('/workflows/default/from-git/labels/production')
        .send({ version: 1 })
        .expect(200);
      const read = await request(app).get('/workflows/default/from-git');
      expect(read.body).toMatchObject({
        source: 'catalog',
        sourceLocation: 'https://git.example.com/repo/catalog-info.yaml',
        labels: { production: 1 },
      });
    });
  });

  describe('import', () => {
    it('creates a new workflow, then adds versions to it', async () => {
      const { app, auditor } = await start();
      const created = await request(app)
        .post('/import')
        .send({ yaml: yamlDoc });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        created: true,
        changed: true,
        workflow: { name: 'from-yaml', latestVersion: 1 },
      });
      const again = await request(app).post('/import').send({ yaml: yamlDoc });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: false, changed: false });
      const changed = await request(app)
        .post('/import')
        .send({ yaml: yamlDoc.replace('production', 'deprecated') });
      expect(changed.body).toMatchObject({
        created: false,
        changed: true,
        workflow: { latestVersion: 2, lifecycle: 'deprecated' },
      });
      expect(auditor.createEvent.mock.calls.map(([e]) => e.eventId)).toEqual([
        'workflow-import',
        'workflow-import',
        'workflow-import',
      ]);
    });

    it('needs the create permission for a new workflow and a name', async () => {
      const { app } = await start({
        decide: denying('workflows.workflow.create'),
      });
      const res = await request(app).post('/import').send({ yaml: yamlDoc });
      expect(res.status).toBe(403);
      const nameless = await request(app)
        .post('/import')
        .send({ yaml: 'kind: AIWorkflow\n' });
      expect(nameless.status).toBe(400);
      expect(nameless.body.error.message).toMatch(/^metadata.name: /);
    });
  });

  describe('labels', () => {
    it('moves and removes labels with history; 403 without promote', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const set = await request(app)
        .put('/workflows/default/shout/labels/production')
        .send({ version: 1 });
      expect(set.status).toBe(200);
      expect(set.body.labels).toEqual({ production: 1 });
      await request(app)
        .put('/workflows/default/shout/labels/production')
        .send({ version: 4 })
        .expect(404);
      const bad = await request(app)
        .put('/workflows/default/shout/labels/Not_A_Label')
        .send({ version: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/label/);
      const noVersion = await request(app)
        .put('/workflows/default/shout/labels/staging')
        .send({});
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.message).toMatch(/version/);

      const removed = await request(app).delete(
        '/workflows/default/shout/labels/production',
      );
      expect(removed.status).toBe(200);
      expect(removed.body.labels).toEqual({});
      await request(app)
        .delete('/workflows/default/shout/labels/production')
        .expect(404);
      const history = await request(app).get('/workflows/default/shout/labels');
      expect(history.body.items).toEqual([
        expect.objectContaining({
          label: 'production',
          version: null,
          previousVersion: 1,
        }),
        expect.objectContaining({
          label: 'production',
          version: 1,
          previousVersion: null,
          movedBy: 'user:default/mock',
        }),
      ]);

      const denied = await start({
        decide: denying('workflows.workflow.promote'),
      });
      await request(denied.app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      await request(denied.app)
        .put('/workflows/default/shout/labels/production')
        .send({ version: 1 })
        .expect(403);
      await request(denied.app)
        .delete('/workflows/default/shout/labels/production')
        .expect(403);
    });
  });

  describe('triggers', () => {
    it('creates, lists, replaces and deletes triggers', async () => {
      const { app, auditor } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const created = await request(app)
        .post('/workflows/default/shout/triggers')
        .send({ type: 'schedule', cron: '0 9 * * 1-5', input: { text: 'hi' } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type: 'schedule',
        cron: '0 9 * * 1-5',
        label: 'production',
        enabled: true,
        input: { text: 'hi' },
      });
      const id = created.body.id;
      const replaced = await request(app)
        .put(`/workflows/default/shout/triggers/${id}`)
        .send({ type: 'webhook', version: 1, enabled: false });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({
        id,
        type: 'webhook',
        version: 1,
        enabled: false,
      });
      const list = await request(app).get('/workflows/default/shout/triggers');
      expect(list.body.items).toEqual([expect.objectContaining({ id })]);
      await request(app)
        .delete(`/workflows/default/shout/triggers/${id}`)
        .expect(204);
      await request(app)
        .delete(`/workflows/default/shout/triggers/${id}`)
        .expect(404);
      await request(app)
        .put(`/workflows/default/shout/triggers/${id}`)
        .send({ type: 'webhook' })
        .expect(404);
      expect(
        auditor.createEvent.mock.calls
          .map(([e]) => e.eventId)
          .filter(e => e === 'workflow-trigger'),
      ).toHaveLength(5);
    });

    it('returns a webhook secret once, rotates it and verifies it for services only', async () => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const created = await request(app)
        .post('/workflows/default/shout/triggers')
        .send({ type: 'webhook' })
        .expect(201);
      const { id, secret } = created.body;
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const list = await request(app)
        .get('/workflows/default/shout/triggers')
        .expect(200);
      expect(list.body.items[0].secret).toBeUndefined();
      expect(JSON.stringify(list.body)).not.toContain(secret);

      const service = mockCredentials.service.header();
      const verify = (body: object) =>
        request(app)
          .post(`/triggers/${id}/verify`)
          .set('Authorization', service)
          .send(body);
      const ok = await verify({ secret }).expect(200);
      expect(ok.body).toEqual({
        valid: true,
        trigger: expect.objectContaining({
          id,
          workflow: 'aiworkflow:default/shout',
          hasSecret: true,
        }),
      });
      expect(JSON.stringify(ok.body)).not.toContain(secret);
      expect((await verify({ secret: 'nope' }).expect(200)).body).toEqual({
        valid: false,
      });
      const missing = await verify({ signature: 'ab' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^payload: /);
      // Users may not ask.
      await request(app)
        .post(`/triggers/${id}/verify`)
        .send({ secret })
        .expect(403);
      await request(app).get('/triggers?type=webhook').expect(403);

      const rotated = await request(app)
        .post(`/workflows/default/shout/triggers/${id}/rotate-secret`)
        .expect(200);
      expect(rotated.body).toMatchObject({ id, type: 'webhook' });
      expect(rotated.body.secret).not.toBe(secret);
      expect((await verify({ secret }).expect(200)).body.valid).toBe(false);
      expect(
        (await verify({ secret: rotated.body.secret }).expect(200)).body.valid,
      ).toBe(true);

      const all = await request(app)
        .get('/triggers?type=webhook')
        .set('Authorization', service)
        .expect(200);
      expect(all.body.items).toEqual([
        expect.objectContaining({ id, workflow: 'aiworkflow:default/shout' }),
      ]);
      await request(app)
        .get(`/triggers/${id}`)
        .set('Authorization', service)
        .expect(200);
      await request(app)
        .get('/triggers/7c0e9d3e-4b4f-4a53-9a38-0a8f1c4b2d11')
        .set('Authorization', service)
        .expect(404);
    });

    it.each<[string, object, RegExp]>([
      ['a schedule without cron', { type: 'schedule' }, /^cron: /],
      ['a bad cron', { type: 'schedule', cron: '61 * * * *' }, /^cron: /],
      [
        'a bad timezone',
        { type: 'schedule', cron: '@daily', timezone: 'Mars/Olympus' },
        /^timezone: /,
      ],
      [
        'both a label and a version',
        { type: 'webhook', label: 'production', version: 1 },
        /^version: /,
      ],
      ['an unknown version', { type: 'webhook', version: 3 }, /^version: /],
      ['an unknown type', { type: 'email' }, /type/],
    ])('answers 400 for %s', async (_, body, message) => {
      const { app } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const res = await request(app)
        .post('/workflows/default/shout/triggers')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('catalog-entities', () => {
    it('exports console workflows as AIWorkflow entities to services only', async () => {
      const { app, store } = await start();
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      await createCatalogWorkflow(store);
      await request(app).get('/catalog-entities').expect(403);
      const res = await request(app)
        .get('/catalog-entities')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          apiVersion: 'ai-ops.dev/v1alpha1',
          kind: 'AIWorkflow',
          metadata: {
            name: 'shout',
            namespace: 'default',
            title: 'Shout',
            annotations: {
              'backstage.io/managed-by-location': 'workflows:console',
              'backstage.io/managed-by-origin-location': 'workflows:console',
              'ai-ops.dev/revision': '1',
            },
          },
          spec: expect.objectContaining({
            owner: 'group:default/team-a',
            steps: expect.any(Array),
          }),
        },
      ]);
    });

    it('answers 304 to the last tag while the console workflows are unchanged', async () => {
      const { app } = await start();
      const service = mockCredentials.service.header();
      const first = await request(app)
        .get('/catalog-entities')
        .set('Authorization', service)
        .expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"0\./);
      await request(app)
        .get('/catalog-entities')
        .set('Authorization', service)
        .set('If-None-Match', etag)
        .expect(304);
      await request(app)
        .post('/workflows')
        .send({ document: doc() })
        .expect(201);
      const changed = await request(app)
        .get('/catalog-entities')
        .set('Authorization', service)
        .set('If-None-Match', etag)
        .expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.items.map((e: any) => e.metadata.name)).toEqual([
        'shout',
      ]);
    });
  });
});

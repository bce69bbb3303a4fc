/*
 * The worker plugin in a backend of its own against the real Temporal
 * server (127.0.0.1:7233, namespace ai-ops), calling the real ai-components
 * API in a second backend, as packages/worker calls the main backend.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiComponentsPlugin from '@ai-ops/plugin-ai-components-backend';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
import {
  INTERPRETER_WORKFLOW_TYPE,
  RunWorkflowArgs,
  RunWorkflowResult,
  WorkflowSnapshot,
} from '@ai-ops/plugin-executions-workflows';
import {
  createCachedComponentRevisionSource,
  DatabaseExecutionStore as Store,
} from '@ai-ops/plugin-executions-node';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { executionsWorkerPlugin } from './plugin';
import { executionsWorkerModuleRuntimes } from './runtimes';

jest.setTimeout(120_000);

const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const allowAll = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
});

describe('executionsWorkerPlugin', () => {
  it('runs workflows from the task queue with the step activities, and reports its health', async () => {
    const main = await startTestBackend({
      features: [
        aiComponentsPlugin,
        runtimesFeature,
        mockServices.rootConfig.factory({
          data: {
            aiComponents: {
              secrets: {
                keys: [
                  {
                    id: 'test',
                    secret: Buffer.alloc(32, 7).toString('base64'),
                  },
                ],
              },
            },
          },
        }),
        allowAll.factory,
      ],
    });
    const mainUrl = `http://localhost:${main.server.port()}`;
    const created = await fetch(`${mainUrl}/api/ai-components/components`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'upper',
        type: 'tool',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        runtime: {
          type: 'jsonata',
          config: { expression: '{ "text": $uppercase(text) }' },
        },
        inputSchema: { type: 'object' },
        outputSchema: { type: 'object' },
      }),
    });
    expect(created.status).toBe(201);

    const taskQueue = `worker-plugin-test-${randomUUID()}`;
    const knex = await databases.init('SQLITE_3');
    const workerBackend = await startTestBackend({
      features: [
        executionsWorkerPlugin,
        mockServices.rootConfig.factory({
          data: {
            temporal: {
              address: TEMPORAL_ADDRESS,
              namespace: 'ai-ops',
              taskQueue,
            },
          },
        }),
        mockServices.database.factory({ knex }),
        // As app-config.worker.yaml does: ai-components is the main backend's.
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => ({
            getBaseUrl: async (pluginId: string) =>
              `${mainUrl}/api/${pluginId}`,
            getExternalBaseUrl: async (pluginId: string) =>
              `${mainUrl}/api/${pluginId}`,
          }),
        }),
      ],
    });
    const workerUrl = `http://localhost:${workerBackend.server.port()}`;

    const health = await fetch(`${workerUrl}/api/executions/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      worker: 'RUNNING',
      taskQueue,
      namespace: 'ai-ops',
    });

    const store = await Store.create({
      database: mockServices.database({ knex }),
    });
    const id = `worker-plugin-${randomUUID().slice(0, 8)}`;
    const snapshot: WorkflowSnapshot = {
      workflowRef: 'aiworkflow:default/shout',
      version: 1,
      document: {
        apiVersion: 'ai-ops.dev/v1alpha1',
        kind: 'AIWorkflow',
        metadata: { name: 'shout', namespace: 'default' },
        spec: {
          owner: 'group:default/team-a',
          lifecycle: 'experimental',
          steps: [
            {
              id: 'shout',
              component: 'aicomponent:default/upper',
              with: { text: '${{ input.text }}' },
            },
          ],
          output: { text: '${{ steps.shout.output.text }}' },
        },
      },
      componentRevisions: { 'aicomponent:default/upper': 1 },
    };
    await store.create({
      id,
      snapshot,
      owner: 'group:default/team-a',
      input: { text: 'hello' },
      trigger: { type: 'manual' },
      status: 'running',
    });

    const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, namespace: 'ai-ops' });
      const result = await client.workflow.execute<
        (args: RunWorkflowArgs) => Promise<RunWorkflowResult>
      >(INTERPRETER_WORKFLOW_TYPE, {
        workflowId: id,
        taskQueue,
        args: [{ executionId: id, snapshot, input: { text: 'hello' } }],
      });
      expect(result).toMatchObject({
        status: 'succeeded',
        output: { text: 'HELLO' },
      });
    } finally {
      await connection.close();
    }
    expect(await store.get(id)).toMatchObject({
      status: 'succeeded',
      output: { text: 'HELLO' },
    });
    expect(await store.listAttempts(id)).toEqual([
      expect.objectContaining({
        stepId: 'shout',
        attempt: 1,
        status: 'succeeded',
        output: { text: 'HELLO' },
        // What the step drawer shows: the call, the runtime's answer, the end.
        logs: [
          expect.objectContaining({
            level: 'info',
            message: expect.stringMatching(/^Attempt 1: invoking aicomponent:/),
          }),
          expect.objectContaining({
            level: 'info',
            message: expect.stringMatching(/^The runtime answered in \d+ ms/),
          }),
          expect.objectContaining({
            level: 'info',
            message: 'Attempt 1: succeeded',
          }),
        ],
      }),
    ]);

    // Stopping the backend shuts the worker down.
    await workerBackend.stop();
    await main.stop();
  });

  describe('with the runtimes installed in the worker', () => {
    /** A provider the http components call: echoes a header, or hangs. */
    let provider: Server;
    let providerUrl: string;
    const hanging: { closedAt?: number }[] = [];

    function startProvider(): Promise<Server> {
      const server = createServer((req: IncomingMessage, res) => {
        if (req.url === '/hang') {
          const call: { closedAt?: number } = {};
          hanging.push(call);
          res.on('close', () => {
            call.closedAt = Date.now();
          });
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ auth: req.headers.authorization ?? null }));
      });
      return new Promise(resolve =>
        server.listen(0, '127.0.0.1', () => resolve(server)),
      );
    }

    let main: Awaited<ReturnType<typeof startTestBackend>>;
    let mainUrl: string;
    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${mainUrl}/api/ai-components${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    /** Sends a request of the set-up; throws unless it answers `status`. */
    const expectStatus = async (sent: Promise<Response>, status: number) => {
      const res = await sent;
      if (res.status !== status) {
        throw new Error(`set-up: ${res.status} ${await res.text()}`);
      }
    };
    const component = (name: string, runtime: unknown) =>
      expectStatus(
        post('/components', {
          name,
          type: 'tool',
          owner: 'group:default/team-a',
          lifecycle: 'experimental',
          runtime,
          inputSchema: { type: 'object' },
          outputSchema: { type: 'object' },
        }),
        201,
      );

    beforeAll(async () => {
      provider = await startProvider();
      providerUrl = `http://127.0.0.1:${
        (provider.address() as AddressInfo).port
      }`;
      main = await startTestBackend({
        features: [
          aiComponentsPlugin,
          runtimesFeature,
          mockServices.rootConfig.factory({
            data: {
              aiComponents: {
                secrets: {
                  keys: [
                    {
                      id: 'test',
                      secret: Buffer.alloc(32, 7).toString('base64'),
                    },
                  ],
                },
              },
            },
          }),
          allowAll.factory,
        ],
      });
      mainUrl = `http://localhost:${main.server.port()}`;
      await component('shout-local', {
        type: 'jsonata',
        config: { expression: '{ "text": $uppercase(text) }' },
      });
      await expectStatus(
        post('/secrets/provider-key', { value: 's3cret' }, 'PUT'),
        200,
      );
      await component('with-secret', {
        type: 'http',
        config: {
          method: 'POST',
          url: `${providerUrl}/echo`,
          headers: { authorization: 'Bearer {{ secret:provider-key }}' },
        },
      });
      await component('hangs', {
        type: 'http',
        config: { method: 'POST', url: `${providerUrl}/hang` },
      });
    });

    afterAll(async () => {
      await main?.stop();
      await new Promise(resolve => provider?.close(resolve));
    });

    it('runs steps in the worker, hands components with secrets to the ai-components API, and aborts the call on cancel', async () => {
      const taskQueue = `worker-runtimes-test-${randomUUID()}`;
      const knex = await databases.init('SQLITE_3');
      const workerBackend = await startTestBackend({
        features: [
          executionsWorkerPlugin,
          executionsWorkerModuleRuntimes,
          mockServices.rootConfig.factory({
            data: {
              temporal: {
                address: TEMPORAL_ADDRESS,
                namespace: 'ai-ops',
                taskQueue,
              },
            },
          }),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: coreServices.discovery,
            deps: {},
            factory: () => ({
              getBaseUrl: async (pluginId: string) =>
                `${mainUrl}/api/${pluginId}`,
              getExternalBaseUrl: async (pluginId: string) =>
                `${mainUrl}/api/${pluginId}`,
            }),
          }),
        ],
      });
      const store = await Store.create({
        database: mockServices.database({ knex }),
      });
      const snapshotOf = (
        name: string,
        steps: WorkflowSnapshot['document']['spec']['steps'],
        output: WorkflowSnapshot['document']['spec']['output'],
      ): WorkflowSnapshot => ({
        workflowRef: `aiworkflow:default/${name}`,
        version: 1,
        document: {
          apiVersion: 'ai-ops.dev/v1alpha1',
          kind: 'AIWorkflow',
          metadata: { name, namespace: 'default' },
          spec: {
            owner: 'group:default/team-a',
            lifecycle: 'experimental',
            steps,
            output,
          },
        },
        componentRevisions: Object.fromEntries(
          steps.map(step => [step.component!, 1]),
        ),
      });
      const connection = await Connection.connect({
        address: TEMPORAL_ADDRESS,
      });
      const client = new Client({ connection, namespace: 'ai-ops' });
      const startRun = async (snapshot: WorkflowSnapshot) => {
        const id = `worker-runtimes-${randomUUID().slice(0, 8)}`;
        await store.create({
          id,
          snapshot,
          owner: 'group:default/team-a',
          input: { text: 'hello' },
          trigger: { type: 'manual' },
          status: 'running',
        });
        const handle = await client.workflow.start<
          (args: RunWorkflowArgs) => Promise<RunWorkflowResult>
        >(INTERPRETER_WORKFLOW_TYPE, {
          workflowId: id,
          taskQueue,
          args: [{ executionId: id, snapshot, input: { text: 'hello' } }],
        });
        return { id, handle };
      };
      try {
        // A jsonata step in the worker, then an http step whose secret only
        // the ai-components plugin holds.
        const both = await startRun(
          snapshotOf(
            'local-then-secret',
            [
              {
                id: 'shout',
                component: 'aicomponent:default/shout-local',
                with: { text: '${{ input.text }}' },
              },
              {
                id: 'call',
                component: 'aicomponent:default/with-secret',
                needs: ['shout'],
                with: { text: '${{ steps.shout.output.text }}' },
              },
            ],
            {
              text: '${{ steps.shout.output.text }}',
              auth: '${{ steps.call.output.auth }}',
            },
          ),
        );
        expect(await both.handle.result()).toMatchObject({
          status: 'succeeded',
          output: { text: 'HELLO', auth: 'Bearer s3cret' },
        });
        const attempts = await store.listAttempts(both.id);
        expect(attempts).toEqual([
          expect.objectContaining({
            stepId: 'shout',
            status: 'succeeded',
            input: { text: 'hello' },
            output: { text: 'HELLO' },
          }),
          expect.objectContaining({
            stepId: 'call',
            status: 'succeeded',
            input: { text: 'HELLO' },
          }),
        ]);

        // Cancelling the run aborts the provider call made in the worker
        // (through the API the provider call would run on to its timeout).
        const hung = await startRun(
          snapshotOf(
            'hangs',
            [
              {
                id: 'wait',
                component: 'aicomponent:default/hangs',
                with: {},
              },
            ],
            undefined,
          ),
        );
        const deadline = Date.now() + 20_000;
        while (hanging.length === 0 && Date.now() < deadline) {
          await new Promise(r => setTimeout(r, 100));
        }
        expect(hanging).toHaveLength(1);
        // Recorded as running while the call is in flight.
        let [attempt] = await store.listAttempts(hung.id);
        while (attempt?.status !== 'running' && Date.now() < deadline) {
          await new Promise(r => setTimeout(r, 100));
          [attempt] = await store.listAttempts(hung.id);
        }
        expect(attempt).toMatchObject({ status: 'running' });
        const cancelledAt = Date.now();
        await hung.handle.cancel();
        expect(await hung.handle.result()).toMatchObject({
          status: 'cancelled',
        });
        expect(hanging[0].closedAt).toBeDefined();
        expect(hanging[0].closedAt! - cancelledAt).toBeLessThan(15_000);
        expect(await store.listAttempts(hung.id)).toEqual([
          expect.objectContaining({ stepId: 'wait', status: 'cancelled' }),
        ]);
      } finally {
        await connection.close();
        await workerBackend.stop();
      }
    });

    it('reads a pinned revision once, and the latest every time', async () => {
      let reads = 0;
      const counting: typeof fetch = (url, init) => {
        reads += 1;
        return fetch(url, init);
      };
      const source = createCachedComponentRevisionSource({
        discovery: {
          getBaseUrl: async (pluginId: string) => `${mainUrl}/api/${pluginId}`,
          getExternalBaseUrl: async (pluginId: string) =>
            `${mainUrl}/api/${pluginId}`,
        },
        auth: mockServices.auth(),
        fetch: counting,
      });
      const ref = 'aicomponent:default/shout-local';
      const first = await source.get(ref, 1);
      expect(first).toMatchObject({
        revision: 1,
        component: {
          runtime: {
            type: 'jsonata',
            config: { expression: '{ "text": $uppercase(text) }' },
          },
          inputSchema: { type: 'object' },
        },
      });
      expect(await source.get(ref, 1)).toEqual(first);
      expect(reads).toBe(1);
      await source.get(ref);
      await source.get(ref);
      expect(reads).toBe(3);
      await expect(
        source.get('aicomponent:default/nothing-here', 1),
      ).rejects.toMatchObject({ statusCode: 404 });
      // A failed read is not kept.
      await expect(
        source.get('aicomponent:default/nothing-here', 1),
      ).rejects.toMatchObject({ statusCode: 404 });
      expect(reads).toBe(5);
    });
  });
});

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
import { DatabaseExecutionStore } from '@ai-ops/plugin-executions-node';
import {
  INTERPRETER_WORKFLOW_TYPE,
  RunWorkflowArgs,
  RunWorkflowResult,
  WorkflowSnapshot,
} from '@ai-ops/plugin-executions-workflows';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { executionsWorkerPlugin } from './plugin';

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

    const store = await DatabaseExecutionStore.create({
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
      }),
    ]);

    // Stopping the backend shuts the worker down.
    await workerBackend.stop();
    await main.stop();
  });
});

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
// The real ai-components plugin, whose API the schema source reads
// (test-only import of another plugin).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiComponentsPlugin from '@ai-ops/plugin-ai-components-backend';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { executionsPlugin } from '../plugin';
import { ApiComponentSchemaSource } from './ComponentSchemas';

jest.setTimeout(120_000);

const allowAll = () =>
  mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  });

describe('retention task of the executions plugin', () => {
  it('is scheduled with the configured frequency and prunes when it runs', async () => {
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        tasks.push(task);
      },
    });
    const { server } = await startTestBackend({
      features: [
        executionsPlugin,
        scheduler.factory,
        allowAll().factory,
        mockServices.rootConfig.factory({
          data: {
            temporal: { address: '127.0.0.1:7233', namespace: 'ai-ops' },
            executions: {
              retention: {
                defaultDays: 7,
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 2 },
                },
              },
            },
          },
        }),
      ],
    });
    const task = tasks.find(t => t.id === 'executions-prune-runs');
    expect(task).toMatchObject({
      frequency: { minutes: 10 },
      timeout: { minutes: 2 },
    });
    await expect(
      task!.fn(new AbortController().signal),
    ).resolves.toBeUndefined();
    // The configured default is what the API reports.
    const policy = await request(server)
      .get('/api/executions/retention/workflows/default/any')
      .expect(200);
    expect(policy.body).toEqual({
      workflowRef: 'aiworkflow:default/any',
      days: 7,
      source: 'default',
    });
  });

  it('refuses a bad default in config at start', async () => {
    await expect(
      startTestBackend({
        features: [
          executionsPlugin,
          allowAll().factory,
          mockServices.rootConfig.factory({
            data: { executions: { retention: { defaultDays: 0 } } },
          }),
        ],
      }),
    ).rejects.toThrow(/executions\.retention\.defaultDays/);
  });
});

describe('ApiComponentSchemaSource', () => {
  it('reads the input schema of a component revision from the ai-components API', async () => {
    const { server } = await startTestBackend({
      features: [
        aiComponentsPlugin,
        runtimesFeature,
        allowAll().factory,
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
      ],
    });
    const inputSchema = {
      type: 'object',
      properties: {
        text: { type: 'string' },
        pin: { type: 'string', writeOnly: true },
      },
    };
    await request(server)
      .post('/api/ai-components/components')
      .send({
        name: 'with-pin',
        type: 'tool',
        owner: 'team-a',
        lifecycle: 'experimental',
        runtime: { type: 'jsonata', config: { expression: 'text' } },
        inputSchema,
        outputSchema: { type: 'string' },
      })
      .expect(201);
    const { port } = server.address() as AddressInfo;
    const source = new ApiComponentSchemaSource({
      discovery: {
        getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
        getExternalBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
      },
      auth: mockServices.auth(),
    });
    expect(await source.inputSchema('aicomponent:default/with-pin', 1)).toEqual(
      inputSchema,
    );
    expect(await source.inputSchema('aicomponent:default/with-pin')).toEqual(
      inputSchema,
    );
    await expect(
      source.inputSchema('aicomponent:default/absent', 1),
    ).rejects.toThrow();
  });
});

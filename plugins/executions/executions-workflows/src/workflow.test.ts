/*
 * The interpreter on the real Temporal server (127.0.0.1:7233, namespace
 * ai-ops; scripts/services/temporal.sh start), with a real worker running
 * the bundled workflow and the real activities: the DatabaseExecutionStore
 * on SQLite, component calls through the real ai-components API (jsonata
 * and http runtimes; the http one against a small local server) and
 * sub-workflow snapshots from the real workflows API.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The registry and the workflows API in one test backend, called over HTTP
// as the worker calls them (test-only imports of other plugins).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiComponentsPlugin from '@ai-ops/plugin-ai-components-backend';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import workflowsPlugin from '@ai-ops/plugin-workflows-backend';
import {
  createAiComponentsInvocationClient,
  createExecutionActivities,
  createWorkflowSnapshotSource,
  DatabaseExecutionStore,
} from '@ai-ops/plugin-executions-node';
import type { ExecutionStore } from '@ai-ops/plugin-executions-node';
import type { WorkflowSpec } from '@ai-ops/plugin-workflows-common';
import {
  Client,
  Connection,
  WorkflowHandleWithFirstExecutionRunId,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
} from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  ApprovalDecision,
  CompletedStep,
  INTERPRETER_WORKFLOW_TYPE,
  RunWorkflowArgs,
  WorkflowSnapshot,
} from './contract';
import { decideApprovalUpdate, getStateQuery } from './definitions';
import type { InterpreterCarry } from './plan';
import type { runWorkflowVersion } from './workflow';
import { workflowsPath } from './bundle';
import { historyToJSON } from './historyJson';

jest.setTimeout(120_000);

const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const NAMESPACE = 'ai-ops';
const taskQueue = `interpreter-test-${randomUUID()}`;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Retries an assertion until it holds or `timeoutMs` passes. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

// --- a small HTTP service the http runtime calls ---------------------------

/** Calls per key, requests in flight per key and the most seen at once. */
const calls = new Map<string, number>();
const inFlight = new Map<string, number>();
const maxInFlight = new Map<string, number>();

async function readJson(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

function startHttpService(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const [, route, key] = new URL(req.url!, 'http://local').pathname.split(
      '/',
    );
    const body = await readJson(req);
    const count = (calls.get(key) ?? 0) + 1;
    calls.set(key, count);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    switch (route) {
      case 'flaky':
        // Fails `failures` times with a 503, then answers.
        if (count <= (body.failures ?? 2)) {
          json(503, { error: 'busy, try again' });
        } else {
          json(200, { attempts: count });
        }
        return;
      case 'reject':
        json(400, { error: 'the provider does not accept this request' });
        return;
      case 'slow': {
        const timer = setTimeout(() => json(200, { late: true }), body.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'track': {
        const now = (inFlight.get(key) ?? 0) + 1;
        inFlight.set(key, now);
        maxInFlight.set(key, Math.max(now, maxInFlight.get(key) ?? 0));
        await sleep(body.ms ?? 300);
        inFlight.set(key, inFlight.get(key)! - 1);
        json(200, { value: body.value ?? null });
        return;
      }
      default:
        json(200, { value: body.value ?? null });
    }
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

// --- the test backend: ai-components and workflows ------------------------

const objectSchema = { type: 'object' };
const textSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
};

const components = (httpBase: string) => [
  {
    name: 'upper',
    type: 'tool',
    runtime: {
      type: 'jsonata',
      config: { expression: '{ "text": $uppercase(text) }' },
    },
    inputSchema: textSchema,
    outputSchema: textSchema,
  },
  {
    name: 'join',
    type: 'tool',
    runtime: {
      type: 'jsonata',
      config: { expression: '{ "text": a & "+" & b }' },
    },
    inputSchema: objectSchema,
    outputSchema: textSchema,
  },
  {
    name: 'priced',
    type: 'model',
    runtime: { type: 'jsonata', config: { expression: '{ "text": text }' } },
    inputSchema: textSchema,
    outputSchema: textSchema,
    pricing: { perCall: 0.002 },
  },
  {
    name: 'call',
    type: 'tool',
    runtime: {
      type: 'http',
      config: { method: 'POST', url: `${httpBase}/{{ route }}/{{ key }}` },
    },
    inputSchema: objectSchema,
    outputSchema: objectSchema,
  },
];

const ref = (name: string) => `aicomponent:default/${name}`;

const document = (name: string, spec: Partial<WorkflowSpec>) => ({
  apiVersion: 'ai-ops.dev/v1alpha1' as const,
  kind: 'AIWorkflow' as const,
  metadata: { name, namespace: 'default' },
  spec: {
    owner: 'group:default/team-a',
    lifecycle: 'experimental',
    steps: [],
    ...spec,
  },
});

// --- the fixture -------------------------------------------------------------

let httpService: Server;
let httpBase: string;
let backend: Awaited<ReturnType<typeof startTestBackend>>;
let backendUrl: string;
let store: ExecutionStore;
/** The store's database, to read the events it wrote. */
let storeDb: Awaited<ReturnType<typeof databases.init>>;
let worker: Worker;
let workflowBundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;
let workerRun: Promise<void>;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
const revisions: Record<string, number> = {};
/** Every run the tests start, replayed at the end to check determinism. */
const finishedRuns: string[] = [];

/**
 * With RECORD_HISTORIES=1, the histories of these runs are written to
 * src/__fixtures__/histories/<name>.json (.json.gz when long) at the end,
 * for src/replay.test.ts (see README.md): fixture name -> workflow id, and
 * the run id of an execution that continued as new (else the latest).
 */
const fixtureRuns = new Map<string, { workflowId: string; runId?: string }>();
const recordAs = (name: string, workflowId: string, runId?: string) =>
  fixtureRuns.set(name, { workflowId, ...(runId ? { runId } : {}) });
const fixturesDir = join(__dirname, '__fixtures__', 'histories');
const MAX_PLAIN_FIXTURE_CHARS = 200_000;

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

beforeAll(async () => {
  httpService = await startHttpService();
  httpBase = `http://127.0.0.1:${(httpService.address() as AddressInfo).port}`;

  backend = await startTestBackend({
    features: [
      aiComponentsPlugin,
      runtimesFeature,
      workflowsPlugin,
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
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
    ],
  });
  backendUrl = `http://localhost:${backend.server.port()}`;

  for (const component of components(httpBase)) {
    const response = await fetch(`${backendUrl}/api/ai-components/components`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        ...component,
      }),
    });
    if (response.status !== 201) {
      throw new Error(
        `Creating ${component.name} answered ${
          response.status
        }: ${await response.text()}`,
      );
    }
    revisions[ref(component.name)] = (await response.json()).latestRevision;
  }

  const knex = await databases.init('SQLITE_3');
  storeDb = knex;
  store = await DatabaseExecutionStore.create({
    database: mockServices.database({ knex }),
  });
  const discovery = {
    getBaseUrl: async (pluginId: string) => `${backendUrl}/api/${pluginId}`,
    getExternalBaseUrl: async (pluginId: string) =>
      `${backendUrl}/api/${pluginId}`,
  };
  const auth = mockServices.auth({ pluginId: 'executions' });
  const activities = createExecutionActivities({
    store,
    invoker: createAiComponentsInvocationClient({ discovery, auth }),
    workflows: createWorkflowSnapshotSource({ discovery, auth }),
    logger: mockServices.logger.mock(),
  });

  workflowBundle = await bundleWorkflowCode({ workflowsPath });
  nativeConnection = await NativeConnection.connect({
    address: TEMPORAL_ADDRESS,
  });
  worker = await Worker.create({
    connection: nativeConnection,
    namespace: NAMESPACE,
    taskQueue,
    workflowBundle,
    activities,
    // Cancellation reaches activities with heartbeat answers: answer often.
    maxHeartbeatThrottleInterval: '500ms',
  });
  workerRun = worker.run();
  connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
  client = new Client({ connection, namespace: NAMESPACE });
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await nativeConnection?.close();
  await connection?.close();
  await backend?.stop();
  httpService?.closeAllConnections();
  await new Promise(resolve => httpService?.close(resolve));
});

type Run = {
  id: string;
  key: string;
  handle: WorkflowHandleWithFirstExecutionRunId<typeof runWorkflowVersion>;
};

/** Records a run in the store (as the API does) and starts the interpreter. */
async function start(
  spec: Partial<WorkflowSpec>,
  input: unknown = {},
  extra: Pick<RunWorkflowArgs, 'completed' | 'carried'> = {},
): Promise<Run> {
  const key = randomUUID().slice(0, 8);
  const id = `run-${key}`;
  const snapshot: WorkflowSnapshot = {
    workflowRef: `aiworkflow:default/test-${key}`,
    version: 1,
    document: document(`test-${key}`, spec),
    componentRevisions: revisions,
  };
  await store.create({
    id,
    snapshot,
    owner: 'group:default/team-a',
    input,
    trigger: { type: 'manual', actor: 'user:default/alice' },
    status: 'running',
  });
  const handle = await client.workflow.start<typeof runWorkflowVersion>(
    INTERPRETER_WORKFLOW_TYPE,
    {
      workflowId: id,
      taskQueue,
      args: [{ executionId: id, snapshot, input, ...extra }],
    },
  );
  finishedRuns.push(id);
  return { id, key, handle };
}

const call = (route: string, key: string, extra: object = {}) => ({
  route,
  key,
  ...extra,
});

async function attemptsOf(id: string, stepId: string) {
  return (await store.listAttempts(id))
    .filter(a => a.stepId === stepId)
    .sort((a, b) => a.iteration - b.iteration || a.attempt - b.attempt);
}

async function waitForApproval(run: Run, stepId: string) {
  return eventually(async () => {
    const state = await run.handle.query(getStateQuery);
    expect(state.pendingApproval?.stepId).toBe(stepId);
    return state;
  });
}

const decide = (run: Run, decision: ApprovalDecision) =>
  run.handle.executeUpdate(decideApprovalUpdate, { args: [decision] });

// --- the scenarios -----------------------------------------------------------

describe('runWorkflowVersion on Temporal', () => {
  it('runs steps whose needs are met in parallel, skips on a false if and maps the output', async () => {
    const key = randomUUID();
    const run = await start(
      {
        steps: [
          {
            id: 'shout',
            component: ref('upper'),
            with: { text: '${{ input.text }}' },
          },
          {
            id: 'left',
            component: ref('call'),
            needs: ['shout'],
            with: call('track', key, {
              value: '${{ steps.shout.output.text & "-L" }}',
            }),
          },
          {
            id: 'right',
            component: ref('call'),
            needs: ['shout'],
            with: call('track', key, {
              value: '${{ steps.shout.output.text & "-R" }}',
            }),
          },
          {
            id: 'never',
            component: ref('upper'),
            needs: ['shout'],
            if: '${{ input.loud = false }}',
            with: { text: 'x' },
          },
          {
            id: 'afterNever',
            component: ref('upper'),
            needs: ['never'],
            with: { text: 'y' },
          },
          {
            id: 'joined',
            component: ref('join'),
            needs: ['left', 'right'],
            with: {
              a: '${{ steps.left.output.value }}',
              b: '${{ steps.right.output.value }}',
            },
          },
        ],
        output: {
          text: '${{ steps.joined.output.text }}',
          skipped: '${{ steps.never.output.text }}',
        },
      },
      { text: 'hello', loud: true },
    );

    recordAs('parallel-skip', run.id);
    const result = await run.handle.result();
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { text: 'HELLO-L+HELLO-R', skipped: null },
      costUsd: 0,
    });
    expect(maxInFlight.get(key)).toBe(2);

    const execution = await store.get(run.id);
    expect(execution).toMatchObject({
      status: 'succeeded',
      output: { text: 'HELLO-L+HELLO-R', skipped: null },
    });
    expect(execution?.finishedAt).toBeDefined();
    expect(await attemptsOf(run.id, 'shout')).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 'succeeded',
        input: { text: 'hello' },
        output: { text: 'HELLO' },
        componentRef: ref('upper'),
      }),
    ]);
    for (const skipped of ['never', 'afterNever']) {
      expect(await attemptsOf(run.id, skipped)).toEqual([
        expect.objectContaining({ attempt: 0, status: 'skipped' }),
      ]);
    }
    const state = await run.handle.query(getStateQuery);
    expect(state.steps).toMatchObject({
      shout: { status: 'succeeded', attempts: 1 },
      never: { status: 'skipped', attempts: 0 },
      afterNever: { status: 'skipped' },
      joined: { status: 'succeeded' },
    });
  });

  it('runs forEach iterations at most `concurrency` at once, outputs in order', async () => {
    const key = randomUUID();
    const run = await start(
      {
        steps: [
          {
            id: 'each',
            component: ref('call'),
            forEach: { items: '${{ input.items }}', concurrency: 2 },
            with: call('track', key, {
              value: '${{ item * 10 + index }}',
              ms: 200,
            }),
          },
        ],
        output: { values: '${{ steps.each.output.value }}' },
      },
      { items: [1, 2, 3, 4, 5, 6] },
    );
    recordAs('foreach-concurrency', run.id);
    const result = await run.handle.result();
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { values: [10, 21, 32, 43, 54, 65] },
    });
    expect(calls.get(key)).toBe(6);
    expect(maxInFlight.get(key)).toBe(2);
    const attempts = await attemptsOf(run.id, 'each');
    expect(attempts.map(a => [a.iteration, a.status])).toEqual(
      [0, 1, 2, 3, 4, 5].map(i => [i, 'succeeded']),
    );
  });

  it('retries retryable failures with the step retry policy, then succeeds', async () => {
    const key = randomUUID();
    const run = await start({
      steps: [
        {
          id: 'flaky',
          component: ref('call'),
          with: call('flaky', key, { failures: 2 }),
          retry: { maxAttempts: 3, initialInterval: '100ms' },
        },
      ],
    });
    recordAs('retry', run.id);
    const result = await run.handle.result();
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { attempts: 3 },
    });
    expect(calls.get(key)).toBe(3);
    const attempts = await attemptsOf(run.id, 'flaky');
    expect(attempts.map(a => [a.attempt, a.status, a.error?.code])).toEqual([
      [1, 'failed', 'ProviderUnavailable'],
      [2, 'failed', 'ProviderUnavailable'],
      [3, 'succeeded', undefined],
    ]);
  });

  it('does not retry non-retryable failures: provider rejections and invalid input', async () => {
    const key = randomUUID();
    const rejected = await start({
      steps: [
        {
          id: 'reject',
          component: ref('call'),
          with: call('reject', key),
          retry: { maxAttempts: 5, initialInterval: '100ms' },
        },
      ],
    });
    expect(await rejected.handle.result()).toMatchObject({
      status: 'failed',
      error: {
        code: 'ProviderRejected',
        stepId: 'reject',
        retryable: false,
      },
    });
    expect(calls.get(key)).toBe(1);
    expect(await store.get(rejected.id)).toMatchObject({
      status: 'failed',
      error: { code: 'ProviderRejected', stepId: 'reject' },
    });

    const invalid = await start(
      {
        steps: [
          {
            id: 'shout',
            component: ref('upper'),
            with: { text: '${{ input.count }}' },
          },
        ],
      },
      { count: 3 },
    );
    expect(await invalid.handle.result()).toMatchObject({
      status: 'failed',
      error: { code: 'InvalidInput', stepId: 'shout', retryable: false },
    });
    expect(await attemptsOf(invalid.id, 'shout')).toHaveLength(1);
  });

  it('fails a step whose attempts exceed its timeout', async () => {
    const key = randomUUID();
    const run = await start({
      steps: [
        {
          id: 'slow',
          component: ref('call'),
          with: call('slow', key, { ms: 10_000 }),
          timeout: '1s',
          retry: { maxAttempts: 2, initialInterval: '100ms' },
        },
      ],
    });
    const result = await run.handle.result();
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'Timeout', stepId: 'slow' },
    });
    expect(calls.get(key)).toBe(2);
    await eventually(async () =>
      expect(
        (await attemptsOf(run.id, 'slow')).map(a => [a.attempt, a.status]),
      ).toEqual([
        [1, 'failed'],
        [2, 'failed'],
      ]),
    );
  });

  it('cancels the running step when the run is cancelled', async () => {
    const key = randomUUID();
    const run = await start({
      steps: [
        {
          id: 'slow',
          component: ref('call'),
          with: call('slow', key, { ms: 60_000 }),
        },
        {
          id: 'after',
          component: ref('upper'),
          needs: ['slow'],
          with: { text: 'never' },
        },
      ],
    });
    await eventually(async () => expect(calls.get(key)).toBe(1));
    const cancelledAt = Date.now();
    await run.handle.cancel();
    expect(await run.handle.result()).toMatchObject({ status: 'cancelled' });
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    // The activity saw the cancellation: it aborted its call and recorded it.
    expect(await attemptsOf(run.id, 'slow')).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 'cancelled',
        error: expect.objectContaining({ code: 'Cancelled' }),
      }),
    ]);
    expect(await attemptsOf(run.id, 'after')).toEqual([]);
    expect(await store.get(run.id)).toMatchObject({ status: 'cancelled' });
  });

  it('fails the run on a failed step and cancels the steps still running', async () => {
    const key = randomUUID();
    const run = await start({
      steps: [
        {
          id: 'slow',
          component: ref('call'),
          with: call('slow', key, { ms: 60_000 }),
        },
        {
          id: 'breaks',
          component: ref('call'),
          with: call('reject', `${key}-b`),
        },
        {
          id: 'after',
          component: ref('upper'),
          needs: ['slow', 'breaks'],
          with: { text: 'never' },
        },
      ],
    });
    expect(await run.handle.result()).toMatchObject({
      status: 'failed',
      error: { code: 'ProviderRejected', stepId: 'breaks' },
    });
    expect(await attemptsOf(run.id, 'slow')).toEqual([
      expect.objectContaining({ status: 'cancelled' }),
    ]);
    expect(await attemptsOf(run.id, 'after')).toEqual([]);
  });

  it('cancels a run that waits for a decision', async () => {
    const run = await start({
      steps: [
        {
          id: 'review',
          approval: { timeout: '1h', onTimeout: 'approve' },
        },
      ],
    });
    await waitForApproval(run, 'review');
    await run.handle.cancel();
    expect(await run.handle.result()).toMatchObject({ status: 'cancelled' });
    const execution = await store.get(run.id);
    expect(execution).toMatchObject({ status: 'cancelled' });
    expect(execution?.pendingApproval).toBeUndefined();
  });

  describe('approvals', () => {
    const reviewed = (approval: object): Partial<WorkflowSpec> => ({
      steps: [
        {
          id: 'draft',
          component: ref('upper'),
          with: { text: '${{ input.text }}' },
        },
        {
          id: 'review',
          needs: ['draft'],
          approval: {
            message: 'Publish ${{ steps.draft.output.text }}?',
            approvers: { groups: ['group:default/reviewers'] },
            timeout: '1h',
            ...approval,
          },
        },
        {
          id: 'publish',
          component: ref('upper'),
          needs: ['review'],
          with: { text: '${{ steps.draft.output.text & "!" }}' },
        },
        {
          id: 'fallback',
          component: ref('upper'),
          needs: ['draft'],
          with: { text: 'fallback' },
        },
      ],
      output: {
        published: '${{ steps.publish.output.text }}',
        review: '${{ steps.review.output }}',
        fallback: '${{ steps.fallback.output.text }}',
      },
    });

    it('pauses the run until an approver approves', async () => {
      const run = await start(reviewed({}), { text: 'news' });
      const state = await waitForApproval(run, 'review');
      expect(state.status).toBe('paused');
      expect(state.pendingApproval).toMatchObject({
        kind: 'approval',
        message: 'Publish NEWS?',
        approvers: {
          owners: false,
          groups: ['group:default/reviewers'],
          roles: [],
        },
      });
      // The query answers from memory; the store is written right after.
      await eventually(async () =>
        expect(await store.get(run.id)).toMatchObject({
          status: 'paused',
          pendingApproval: { stepId: 'review', kind: 'approval' },
        }),
      );
      expect(await attemptsOf(run.id, 'review')).toEqual([
        expect.objectContaining({ attempt: 0, status: 'waiting' }),
      ]);

      // The validator refuses decisions for steps that do not wait, and unknown decisions.
      await expect(
        decide(run, {
          stepId: 'publish',
          decision: 'approve',
          decidedBy: 'user:default/bob',
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        decide(run, {
          stepId: 'review',
          decision: 'maybe' as any,
          decidedBy: 'user:default/bob',
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);

      await decide(run, {
        stepId: 'review',
        decision: 'approve',
        decidedBy: 'user:default/bob',
        comment: 'ship it',
      });
      // Once the update returns, the run no longer waits.
      expect(await store.get(run.id)).toMatchObject({ status: 'running' });
      expect((await store.get(run.id))?.pendingApproval).toBeUndefined();

      recordAs('approval-approve', run.id);
      expect(await run.handle.result()).toMatchObject({
        status: 'succeeded',
        output: {
          published: 'NEWS!',
          review: {
            approved: true,
            decidedBy: 'user:default/bob',
            comment: 'ship it',
          },
          fallback: 'FALLBACK',
        },
      });
      expect(await attemptsOf(run.id, 'review')).toEqual([
        expect.objectContaining({
          attempt: 0,
          status: 'succeeded',
          output: expect.objectContaining({ approved: true }),
        }),
      ]);
      // The event names the decision and who made it.
      const decided = (
        await storeDb('execution_outbox').where({ execution_id: run.id })
      )
        .map(row => JSON.parse(row.payload))
        .filter(e => e.type === 'ai-ops.approval.decided.v1');
      expect(decided).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({
            stepId: 'review',
            decision: 'approved',
            decidedBy: 'user:default/bob',
          }),
        }),
      ]);
    });

    it('fails the run when an approver rejects (onReject fail)', async () => {
      const run = await start(reviewed({}), { text: 'news' });
      await waitForApproval(run, 'review');
      await decide(run, {
        stepId: 'review',
        decision: 'reject',
        decidedBy: 'user:default/bob',
        comment: 'not yet',
      });
      recordAs('approval-reject', run.id);
      expect(await run.handle.result()).toMatchObject({
        status: 'failed',
        error: {
          code: 'ApprovalRejected',
          stepId: 'review',
          message: 'Rejected by user:default/bob: not yet',
        },
      });
      expect(await attemptsOf(run.id, 'publish')).toEqual([]);
      expect(await store.get(run.id)).toMatchObject({
        status: 'failed',
        error: { code: 'ApprovalRejected' },
      });
    });

    it('takes onTimeout when nobody decides in time: goto, or approve', async () => {
      const spec = reviewed({
        timeout: '2s',
        onTimeout: { goto: 'fallback' },
      });
      const gone = await start(spec, { text: 'news' });
      const timedOutAt = Date.now();
      recordAs('approval-timeout-goto', gone.id);
      expect(await gone.handle.result()).toMatchObject({
        status: 'succeeded',
        output: {
          published: null,
          review: { approved: false, timedOut: true },
          fallback: 'FALLBACK',
        },
      });
      expect(Date.now() - timedOutAt).toBeGreaterThanOrEqual(1_500);
      expect(await attemptsOf(gone.id, 'review')).toEqual([
        expect.objectContaining({
          status: 'failed',
          error: expect.objectContaining({ code: 'ApprovalTimedOut' }),
        }),
      ]);
      expect(await attemptsOf(gone.id, 'publish')).toEqual([
        expect.objectContaining({ status: 'skipped' }),
      ]);
      // The events say the approval timed out; nobody decided.
      const events = (
        await storeDb('execution_outbox')
          .where({ execution_id: gone.id })
          .orderBy('sequence')
      ).map(row => JSON.parse(row.payload));
      const types = events.map(e => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'ai-ops.approval.requested.v1',
          'ai-ops.approval.timed_out.v1',
          'ai-ops.execution.resumed.v1',
        ]),
      );
      expect(types).not.toContain('ai-ops.approval.decided.v1');
      expect(
        events.find(e => e.type === 'ai-ops.approval.timed_out.v1').data,
      ).toMatchObject({
        stepId: 'review',
        kind: 'approval',
        deadline: expect.any(String),
      });
      expect(types.indexOf('ai-ops.approval.timed_out.v1')).toBe(
        types.indexOf('ai-ops.execution.resumed.v1') - 1,
      );

      const approved = await start(
        reviewed({ timeout: '2s', onTimeout: 'approve' }),
        { text: 'news' },
      );
      expect(await approved.handle.result()).toMatchObject({
        status: 'succeeded',
        output: {
          published: 'NEWS!',
          review: { approved: true, timedOut: true },
          // Not a jump target in this workflow: it runs as any step does.
          fallback: 'FALLBACK',
        },
      });
    });
  });

  it('pauses before a step once the budget is spent, and goes on when approved', async () => {
    const run = await start(
      {
        budget: { maxCostUsd: 0.003 },
        steps: [
          { id: 'first', component: ref('priced'), with: { text: 'a' } },
          {
            id: 'second',
            component: ref('priced'),
            needs: ['first'],
            with: { text: 'b' },
          },
          {
            id: 'third',
            component: ref('priced'),
            needs: ['second'],
            with: { text: 'c' },
          },
        ],
      },
      {},
    );
    const state = await waitForApproval(run, 'third');
    expect(state).toMatchObject({
      status: 'paused',
      costUsd: 0.004,
      pendingApproval: {
        kind: 'budget',
        approvers: { owners: true, groups: [], roles: [] },
      },
    });
    expect(state.steps.third.status).toBe('waiting');
    // The query answers from memory; the store is written right after.
    await eventually(async () =>
      expect(await store.get(run.id)).toMatchObject({
        status: 'paused',
        costUsd: 0.004,
        pendingApproval: { stepId: 'third', kind: 'budget' },
      }),
    );
    await decide(run, {
      stepId: 'third',
      decision: 'approve',
      decidedBy: 'user:default/alice',
    });
    recordAs('budget-pause-approve', run.id);
    expect(await run.handle.result()).toMatchObject({
      status: 'succeeded',
      output: { text: 'c' },
      costUsd: 0.006,
    });
    expect(await store.get(run.id)).toMatchObject({
      status: 'succeeded',
      costUsd: 0.006,
    });
  });

  it('fails the run with BudgetExceeded when the budget decision is a rejection', async () => {
    const run = await start({
      budget: { maxCostUsd: 0.001 },
      steps: [
        { id: 'first', component: ref('priced'), with: { text: 'a' } },
        {
          id: 'second',
          component: ref('priced'),
          needs: ['first'],
          with: { text: 'b' },
          onError: 'continue',
        },
      ],
    });
    await waitForApproval(run, 'second');
    await decide(run, {
      stepId: 'second',
      decision: 'reject',
      decidedBy: 'user:default/alice',
    });
    expect(await run.handle.result()).toMatchObject({
      status: 'failed',
      error: { code: 'BudgetExceeded', stepId: 'second' },
      costUsd: 0.002,
    });
    expect(await attemptsOf(run.id, 'second')).toEqual([]);
  });

  it('continues after a failed step with onError continue, and jumps with goto', async () => {
    const key = randomUUID();
    const run = await start({
      steps: [
        {
          id: 'optional',
          component: ref('call'),
          with: call('reject', `${key}-a`),
          onError: 'continue',
        },
        {
          id: 'uses',
          component: ref('call'),
          needs: ['optional'],
          with: call('echo', key, {
            value: '${{ $exists(steps.optional.output) }}',
          }),
        },
        {
          id: 'risky',
          component: ref('call'),
          needs: ['uses'],
          with: call('reject', `${key}-b`),
          onError: { goto: 'recover' },
        },
        {
          id: 'normal',
          component: ref('upper'),
          needs: ['risky'],
          with: { text: 'normal' },
        },
        {
          id: 'recover',
          component: ref('upper'),
          needs: ['uses'],
          with: { text: 'recovered' },
        },
        {
          id: 'unused',
          component: ref('upper'),
          with: { text: 'unused' },
        },
        {
          id: 'noJump',
          component: ref('upper'),
          needs: ['unused'],
          with: { text: 'x' },
          onError: { goto: 'neverJumped' },
        },
        {
          id: 'neverJumped',
          component: ref('upper'),
          with: { text: 'branch' },
        },
      ],
      output: {
        optional: '${{ steps.optional.output }}',
        uses: '${{ steps.uses.output.value }}',
        recover: '${{ steps.recover.output.text }}',
      },
    });
    recordAs('onerror-continue-goto', run.id);
    expect(await run.handle.result()).toMatchObject({
      status: 'succeeded',
      output: { optional: null, uses: true, recover: 'RECOVERED' },
    });
    const state = await run.handle.query(getStateQuery);
    expect(state.steps).toMatchObject({
      optional: { status: 'failed' },
      uses: { status: 'succeeded' },
      risky: { status: 'failed' },
      normal: { status: 'skipped' },
      recover: { status: 'succeeded' },
      noJump: { status: 'succeeded' },
      neverJumped: { status: 'skipped' },
    });
    expect(await attemptsOf(run.id, 'normal')).toEqual([
      expect.objectContaining({ status: 'skipped' }),
    ]);
  });

  it('does not invoke steps a resumed run completed before', async () => {
    const key = randomUUID();
    const spec: Partial<WorkflowSpec> = {
      steps: [
        {
          id: 'one',
          component: ref('call'),
          with: call('echo', `${key}-one`, { value: 'fresh' }),
        },
        {
          id: 'two',
          component: ref('call'),
          needs: ['one'],
          with: call('echo', `${key}-two`, {
            value: '${{ steps.one.output.value & "+two" }}',
          }),
        },
      ],
    };
    const completed: Record<string, CompletedStep> = {
      one: {
        output: { value: 'earlier' },
        costUsd: 0.5,
        tokens: { inputTokens: 10, outputTokens: 5 },
      },
    };
    const run = await start(spec, {}, { completed });
    expect(await run.handle.result()).toMatchObject({
      status: 'succeeded',
      output: { value: 'earlier+two' },
      costUsd: 0.5,
      tokens: { inputTokens: 10, outputTokens: 5 },
    });
    expect(calls.get(`${key}-one`)).toBeUndefined();
    expect(calls.get(`${key}-two`)).toBe(1);
    expect(await attemptsOf(run.id, 'one')).toEqual([
      expect.objectContaining({
        attempt: 0,
        status: 'succeeded',
        output: { value: 'earlier' },
      }),
    ]);

    // A run continued as new picks up the carried state the same way.
    const carried: InterpreterCarry = {
      steps: {
        one: {
          status: 'succeeded',
          output: { value: 'carried' },
          attempts: 1,
          costUsd: 0,
          tokens: { inputTokens: 0, outputTokens: 0 },
        },
        two: {
          status: 'pending',
          attempts: 0,
          costUsd: 0,
          tokens: { inputTokens: 0, outputTokens: 0 },
        },
      },
      activated: [],
      budgetApproved: [],
      costUsd: 0.25,
      tokens: { inputTokens: 1, outputTokens: 1 },
    };
    const continued = await start(spec, {}, { carried });
    expect(await continued.handle.result()).toMatchObject({
      status: 'succeeded',
      output: { value: 'carried+two' },
      costUsd: 0.25,
    });
    expect(calls.get(`${key}-one`)).toBeUndefined();
    expect(calls.get(`${key}-two`)).toBe(2);
    recordAs('resumed-from-carry', continued.id);
  });

  // 1,500 component calls: minutes on two busy cores.
  it('continues as new between steps once the history is long, carrying what ran', async () => {
    const items = Array.from({ length: 1500 }, (_, i) => i);
    const run = await start(
      {
        steps: [
          {
            id: 'many',
            component: ref('upper'),
            forEach: { items: '${{ input.items }}', concurrency: 100 },
            with: { text: '${{ "item " & item }}' },
          },
          {
            id: 'after',
            component: ref('join'),
            needs: ['many'],
            with: {
              a: '${{ $count(steps.many.output) }}',
              b: '${{ steps.many.output[1499].text }}',
            },
          },
        ],
        output: { text: '${{ steps.after.output.text }}' },
      },
      { items },
    );
    expect(await run.handle.result()).toMatchObject({
      status: 'succeeded',
      output: { text: '1500+ITEM 1499' },
    });
    const first = await client.workflow
      .getHandle(run.id, run.handle.firstExecutionRunId)
      .describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    expect(first.historyLength).toBeGreaterThan(4000);
    const last = await client.workflow.getHandle(run.id).describe();
    expect(last.runId).not.toBe(run.handle.firstExecutionRunId);
    expect(last.historyLength).toBeLessThan(100);
    recordAs('continue-as-new-first', run.id, run.handle.firstExecutionRunId);
    recordAs('continue-as-new-last', run.id, last.runId);
    expect(await attemptsOf(run.id, 'after')).toHaveLength(1);
  }, 600_000);

  it('runs a sub-workflow as a child run with its own record', async () => {
    const name = `child-${randomUUID().slice(0, 8)}`;
    const created = await fetch(`${backendUrl}/api/workflows/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        document: document(name, {
          steps: [
            {
              id: 'shout',
              component: 'upper',
              with: { text: '${{ input.text }}' },
            },
          ],
          output: { text: '${{ steps.shout.output.text }}' },
        }),
      }),
    });
    expect(created.status).toBe(201);

    const run = await start(
      {
        steps: [
          {
            id: 'sub',
            workflow: `aiworkflow:default/${name}`,
            with: { text: '${{ input.text }}' },
          },
          {
            id: 'each',
            workflow: `aiworkflow:default/${name}@v1`,
            forEach: { items: '${{ ["a", "b"] }}' },
            with: { text: '${{ item }}' },
          },
        ],
        output: {
          sub: '${{ steps.sub.output.text }}',
          each: '${{ steps.each.output.text }}',
        },
      },
      { text: 'quiet' },
    );
    recordAs('subworkflow-parent', run.id);
    recordAs('subworkflow-child', `${run.id}--sub`);
    expect(await run.handle.result()).toMatchObject({
      status: 'succeeded',
      output: { sub: 'QUIET', each: ['A', 'B'] },
    });
    const child = await store.get(`${run.id}--sub`);
    expect(child).toMatchObject({
      status: 'succeeded',
      parentExecutionId: run.id,
      workflowRef: `aiworkflow:default/${name}`,
      workflowVersion: 1,
      trigger: { type: 'parent', parentExecutionId: run.id, stepId: 'sub' },
      output: { text: 'QUIET' },
    });
    expect(await store.get(`${run.id}--each-1`)).toMatchObject({
      status: 'succeeded',
      output: { text: 'B' },
    });
    expect(await attemptsOf(`${run.id}--sub`, 'shout')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        output: { text: 'QUIET' },
      }),
    ]);
  });

  it('replays every recorded history without nondeterminism', async () => {
    const histories = await Promise.all(
      finishedRuns.map(async workflowId => ({
        workflowId,
        history: await client.workflow.getHandle(workflowId).fetchHistory(),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle, replayName: 'interpreter-test-replay' },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBeGreaterThan(10);

    if (process.env.RECORD_HISTORIES) {
      // Replaces every fixture of the current code: only the runs named
      // with recordAs are kept. Fixtures of older code paths kept for a
      // patch (`<name>-before-<patch id>.json`) stay.
      mkdirSync(fixturesDir, { recursive: true });
      for (const name of readdirSync(fixturesDir)) {
        if (/\.json(\.gz)?$/.test(name) && !/-before-/.test(name)) {
          rmSync(join(fixturesDir, name));
        }
      }
      for (const [name, { workflowId, runId }] of fixtureRuns) {
        const history = await client.workflow
          .getHandle(workflowId, runId)
          .fetchHistory();
        const text = `${JSON.stringify(historyToJSON(history), null, 1)}\n`;
        // Long histories (the one that continues as new: thousands of
        // events) are stored compressed to keep the fixtures small.
        if (text.length > MAX_PLAIN_FIXTURE_CHARS) {
          writeFileSync(
            join(fixturesDir, `${name}.json.gz`),
            gzipSync(JSON.stringify(historyToJSON(history)), { level: 9 }),
          );
        } else {
          writeFileSync(join(fixturesDir, `${name}.json`), text);
        }
      }
      if (fixtureRuns.size < 12) {
        throw new Error(
          `Only ${fixtureRuns.size} fixtures: did a test not run?`,
        );
      }
    }
  });
});

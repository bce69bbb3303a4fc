import type {
  ExecutionDto,
  ExecutionSignal,
} from '@ai-ops/plugin-executions-common';
import type { WorkflowVersionDto } from '@ai-ops/plugin-workflows-common';

/** Test data only: a run. */
export const executionFixture = (
  overrides: Partial<ExecutionDto> = {},
): ExecutionDto => ({
  id: 'run-1',
  workflowRef: 'aiworkflow:default/support-triage',
  workflowVersion: 2,
  owner: 'group:default/team-a',
  status: 'running',
  input: { text: 'My printer is on fire' },
  costUsd: 0,
  tokens: { inputTokens: 0, outputTokens: 0 },
  trigger: { type: 'manual', actor: 'user:default/alice' },
  createdBy: 'user:default/alice',
  queuedAt: '2026-11-25T10:00:00.000Z',
  startedAt: '2026-11-25T10:00:01.000Z',
  ...overrides,
});

/** Test data only: version 2 of a workflow: prompt -> classify -> review (approval). */
export const versionFixture = (
  steps: Array<Record<string, unknown>> = [
    {
      id: 'prompt',
      component: 'aicomponent:default/ticket-classifier-prompt',
      position: { x: 0, y: 0 },
    },
    {
      id: 'classify',
      component: 'aicomponent:default/gpt-4o-mini-chat',
      needs: ['prompt'],
      position: { x: 0, y: 150 },
    },
    {
      id: 'review',
      needs: ['classify'],
      approval: { message: 'Publish?' },
      position: { x: 0, y: 300 },
    },
  ],
): WorkflowVersionDto =>
  ({
    version: 2,
    contentHash: 'sha256:b',
    createdAt: '2026-11-25T09:00:00.000Z',
    createdBy: 'user:default/alice',
    labels: [],
    document: {
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIWorkflow',
      metadata: { name: 'support-triage', namespace: 'default' },
      spec: { owner: 'group:default/team-a', lifecycle: 'experimental', steps },
    },
  } as unknown as WorkflowVersionDto);

let eventCounter = 0;

/** Test data only: a stored event of a run, as the events API returns it. */
export const storedEvent = (
  sequence: number,
  type: string,
  data: Record<string, unknown>,
  executionId = 'run-1',
) => {
  eventCounter += 1;
  return {
    specversion: '1.0',
    id: `00000000-0000-4000-8000-${String(eventCounter).padStart(12, '0')}`,
    type,
    source: '/ai-ops/executions',
    time: `2026-11-25T10:00:${String(sequence % 60).padStart(2, '0')}.000Z`,
    subject: executionId,
    sequence,
    datacontenttype: 'application/json',
    dataschemaversion: 1,
    data: {
      workflowRef: 'aiworkflow:default/support-triage',
      workflowVersion: 2,
      owner: 'group:default/team-a',
      ...data,
    },
  };
};

/** Test data only: a step event's data. */
export const stepData = (
  stepId: string,
  status: string,
  extra: Record<string, unknown> = {},
) => ({ stepId, iteration: 0, attempt: 1, status, ...extra });

const STEP_EVENT_TYPES = {
  running: 'ai-ops.step.started.v1',
  succeeded: 'ai-ops.step.succeeded.v1',
  failed: 'ai-ops.step.failed.v1',
} as const;

/** Test data only: the signal of a step event, as the backend pushes it. */
export const stepSignal = (
  sequence: number,
  stepId: string,
  status: 'running' | 'succeeded' | 'failed',
  executionId = 'run-1',
): ExecutionSignal => ({
  id: `10000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
  type: STEP_EVENT_TYPES[status],
  sequence,
  time: `2026-11-25T10:01:${String(sequence % 60).padStart(2, '0')}.000Z`,
  executionId,
  workflowRef: 'aiworkflow:default/support-triage',
  step: {
    stepId,
    iteration: 0,
    attempt: 1,
    status,
    ...(status === 'running' ? {} : { latencyMs: 250, costUsd: 0.002 }),
    ...(status === 'failed' ? { final: true, errorMessage: 'boom' } : {}),
  },
});

/** Test data only: an error response as Backstage backends send them. */
export const errorBody = (status: number, name: string, message: string) => ({
  error: { name, message },
  request: { method: 'GET', url: '/' },
  response: { statusCode: status },
});

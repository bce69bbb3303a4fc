import type {
  WorkflowDiffDto,
  WorkflowDocument,
  WorkflowDto,
  WorkflowLabelEventDto,
  WorkflowSummaryDto,
  WorkflowTriggerDto,
  WorkflowVersionSummaryDto,
} from '@ai-ops/plugin-workflows-common';
import type {
  AiComponent,
  AiComponentSummary,
} from '@ai-ops/plugin-ai-components-common';
import type { ExecutionDto } from '@ai-ops/plugin-executions-common';

/** Test data only: a two-step workflow document. */
export const documentFixture = (): WorkflowDocument => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: {
    name: 'support-triage',
    namespace: 'default',
    title: 'Support triage',
  },
  spec: {
    owner: 'group:default/team-a',
    lifecycle: 'experimental',
    steps: [
      {
        id: 'prompt',
        component: 'aicomponent:default/ticket-classifier-prompt',
        with: { text: '${{ input.text }}' },
      },
      {
        id: 'classify',
        component: 'aicomponent:default/gpt-4o-mini-chat',
        needs: ['prompt'],
        with: { messages: '${{ steps.prompt.output.messages }}' },
      },
    ],
  },
});

/** Test data only: the summary of a console workflow. */
export const summaryFixture = (
  overrides: Partial<WorkflowSummaryDto> = {},
): WorkflowSummaryDto => ({
  ref: `aiworkflow:default/${overrides.name ?? 'support-triage'}`,
  namespace: 'default',
  name: 'support-triage',
  title: 'Support triage',
  description: 'Labels a ticket',
  owner: 'group:default/team-a',
  lifecycle: 'experimental',
  tags: ['support'],
  source: 'console',
  latestVersion: 2,
  labels: { production: 1 },
  stepCount: 2,
  componentRefs: [
    'aicomponent:default/gpt-4o-mini-chat',
    'aicomponent:default/ticket-classifier-prompt',
  ],
  createdAt: '2026-01-01T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-01-02T10:00:00.000Z',
  updatedBy: 'user:default/bob',
  ...overrides,
});

/** Test data only: a workflow with its newest document. */
export const workflowFixture = (
  overrides: Partial<WorkflowDto> = {},
): WorkflowDto => ({
  ...summaryFixture(overrides),
  document: documentFixture() as unknown as WorkflowDto['document'],
  ...overrides,
});

/** Test data only: versions 2 and 1, newest first. */
export const versionsFixture = (): WorkflowVersionSummaryDto[] => [
  {
    version: 2,
    contentHash: 'sha256:b',
    message: 'Longer timeout',
    createdAt: '2026-01-02T10:00:00.000Z',
    createdBy: 'user:default/bob',
    labels: [],
  },
  {
    version: 1,
    contentHash: 'sha256:a',
    createdAt: '2026-01-01T10:00:00.000Z',
    createdBy: 'user:default/alice',
    labels: ['production'],
  },
];

/** Test data only: the diff from version 1 to 2. */
export const diffFixture = (): WorkflowDiffDto => ({
  from: 1,
  to: 2,
  identical: false,
  metadata: [],
  spec: [
    {
      path: 'spec.lifecycle',
      kind: 'changed',
      before: 'experimental',
      after: 'production',
    },
  ],
  steps: {
    added: ['score'],
    removed: [],
    reordered: false,
    changed: [
      {
        id: 'classify',
        changes: [{ path: 'timeout', kind: 'added', after: '60s' }],
      },
    ],
  },
});

/** Test data only: one label move. */
export const labelEventsFixture = (): WorkflowLabelEventDto[] => [
  {
    label: 'production',
    version: 1,
    previousVersion: null,
    movedAt: '2026-01-01T11:00:00.000Z',
    movedBy: 'user:default/alice',
  },
];

/** Test data only: a schedule trigger, 9:00 on weekdays in Berlin. */
export const scheduleTriggerFixture = (
  overrides: Partial<WorkflowTriggerDto> = {},
): WorkflowTriggerDto => ({
  id: '11111111-1111-4111-8111-111111111111',
  type: 'schedule',
  cron: '0 9 * * 1-5',
  timezone: 'Europe/Berlin',
  label: 'production',
  input: { text: 'daily digest' },
  enabled: true,
  createdAt: '2026-01-03T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-01-03T10:00:00.000Z',
  ...overrides,
});

/** Test data only: a webhook trigger that runs version 2. */
export const webhookTriggerFixture = (
  overrides: Partial<WorkflowTriggerDto> = {},
): WorkflowTriggerDto => ({
  id: '22222222-2222-4222-8222-222222222222',
  type: 'webhook',
  version: 2,
  enabled: false,
  createdAt: '2026-01-04T10:00:00.000Z',
  createdBy: 'user:default/bob',
  updatedAt: '2026-01-04T10:00:00.000Z',
  ...overrides,
});

/** Test data only: a run of the workflow that a schedule trigger started. */
export const runFixture = (
  overrides: Partial<ExecutionDto> = {},
): ExecutionDto => ({
  id: 'run-1',
  workflowRef: 'aiworkflow:default/support-triage',
  workflowVersion: 1,
  workflowLabel: 'production',
  owner: 'group:default/team-a',
  status: 'succeeded',
  costUsd: 0.01,
  tokens: { inputTokens: 10, outputTokens: 5 },
  trigger: {
    type: 'schedule',
    triggerId: '11111111-1111-4111-8111-111111111111',
  },
  createdBy: 'schedule:11111111-1111-4111-8111-111111111111',
  queuedAt: '2026-01-05T09:00:00.000Z',
  ...overrides,
});

/** Test data only: a component of the registry. */
export const componentSummaryFixture = (
  overrides: Partial<AiComponentSummary> = {},
): AiComponentSummary => ({
  ref: `aicomponent:default/${overrides.name ?? 'gpt-4o-mini-chat'}`,
  namespace: 'default',
  name: 'gpt-4o-mini-chat',
  title: 'GPT-4o mini (chat)',
  type: 'model',
  owner: 'group:default/team-a',
  lifecycle: 'production',
  tags: [],
  source: 'catalog',
  readOnly: true,
  latestRevision: 1,
  version: '1.0.0',
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  ...overrides,
});

/** Test data only: the chat component with its input schema. */
export const componentFixture = (): AiComponent => ({
  ...componentSummaryFixture(),
  spec: {
    runtime: { type: 'openai-chat', config: {} },
    inputSchema: {
      type: 'object',
      required: ['messages'],
      properties: {
        messages: { type: 'array' },
        temperature: { type: 'number' },
      },
    },
    outputSchema: {
      type: 'object',
      properties: { content: { type: 'string' } },
    },
  } as unknown as AiComponent['spec'],
});

/** Test data only: an error response as Backstage backends send them. */
export const errorBody = (status: number, name: string, message: string) => ({
  error: { name, message },
  request: { method: 'POST', url: '/' },
  response: { statusCode: status },
});

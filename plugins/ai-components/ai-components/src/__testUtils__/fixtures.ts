import type {
  AiComponent,
  AiComponentFacets,
  AiComponentSummary,
  AiComponentVersion,
  AiComponentRuntimeType,
} from '@ai-ops/plugin-ai-components-common';
import type {
  MetricsBucketDto,
  MetricsDto,
} from '@ai-ops/plugin-executions-common';

/** Test data only: a console-managed component. */
export const summaryFixture = (
  overrides: Partial<AiComponentSummary> = {},
): AiComponentSummary => ({
  ref: `aicomponent:default/${overrides.name ?? 'uppercaser'}`,
  namespace: 'default',
  name: 'uppercaser',
  title: 'Uppercaser',
  description: 'Shouts the text back',
  type: 'tool',
  owner: 'group:default/team-a',
  lifecycle: 'experimental',
  tags: ['text', 'demo'],
  source: 'console',
  readOnly: false,
  latestRevision: 2,
  version: '1.1.0',
  runtimeType: 'jsonata',
  createdAt: '2026-01-01T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-01-02T10:00:00.000Z',
  updatedBy: 'user:default/bob',
  ...overrides,
});

type Spec = AiComponent['spec'];

/** Test data only: the spec of revision 2 of the uppercaser. */
export const specFixture = (): Spec =>
  ({
    runtime: {
      type: 'jsonata',
      config: {
        expression: '{"text": $uppercase(text)}',
        secretRef: 'openai-api-key',
        apiToken: 'sk-live-1234',
        headers: { password: 'hunter2', accept: 'application/json' },
      },
    },
    inputSchema: {
      type: 'object',
      required: ['text'],
      properties: {
        text: { type: 'string', description: 'What to shout' },
        options: {
          type: 'object',
          properties: { loud: { type: 'boolean', description: 'Extra loud' } },
        },
      },
    },
    outputSchema: {
      type: 'object',
      properties: { text: { type: 'string', description: 'The shouted text' } },
    },
  } as unknown as Spec);

/** Test data only: a component with its latest spec. */
export const componentFixture = (
  overrides: Partial<AiComponent> = {},
): AiComponent => ({
  ...summaryFixture(overrides),
  spec: specFixture(),
  ...overrides,
});

/** Test data only: revisions 2 and 1 of the uppercaser, newest first. */
export const versionsFixture = (): AiComponentVersion[] => {
  const latest = specFixture();
  return [
    {
      revision: 2,
      version: '1.1.0',
      spec: latest,
      contentHash: 'b',
      changeNote: 'Shout louder',
      createdAt: '2026-01-02T10:00:00.000Z',
      createdBy: 'user:default/bob',
    },
    {
      revision: 1,
      version: '1.0.0',
      spec: {
        ...latest,
        runtime: {
          type: 'jsonata',
          config: { expression: '{"text": text}', timeoutMs: 1000 },
        },
        outputSchema: { type: 'object' },
      } as unknown as Spec,
      contentHash: 'a',
      createdAt: '2026-01-01T10:00:00.000Z',
      createdBy: 'user:default/alice',
    },
  ];
};

/** Test data only: facet counts. */
export const facetsFixture = (): AiComponentFacets => ({
  type: [
    { value: 'model', count: 2 },
    { value: 'tool', count: 1 },
  ],
  owner: [
    { value: 'group:default/team-a', count: 2 },
    { value: 'group:default/team-b', count: 1 },
  ],
  tag: [
    { value: 'demo', count: 1 },
    { value: 'text', count: 3 },
  ],
  lifecycle: [
    { value: 'experimental', count: 1 },
    { value: 'production', count: 2 },
  ],
});

/** Test data only: two runtime types. */
export const runtimesFixture = (): AiComponentRuntimeType[] => [
  {
    type: 'jsonata',
    title: 'JSONata transform',
    description: 'Evaluates a JSONata expression against the input.',
    configSchema: {
      type: 'object',
      required: ['expression'],
      properties: { expression: { type: 'string' } },
    } as unknown as AiComponentRuntimeType['configSchema'],
  },
  {
    type: 'http',
    title: 'HTTP',
    description: 'Sends a templated HTTP request.',
    configSchema: {
      type: 'object',
      required: ['url'],
    } as unknown as AiComponentRuntimeType['configSchema'],
  },
];

/** Test data only: an error response as Backstage backends send them. */
export const errorBody = (status: number, name: string, message: string) => ({
  error: { name, message },
  request: { method: 'GET', url: '/' },
  response: { statusCode: status },
});

/** Test data only: a component's metrics as the executions API sends them. */
export const componentMetricsFixture = (
  totals: Partial<MetricsBucketDto> = {},
): MetricsDto => ({
  ref: 'aicomponent:default/uppercaser',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-08T00:00:00.000Z',
  bucket: 'day',
  buckets: [],
  totals: {
    start: '2026-01-01T00:00:00.000Z',
    runs: 0,
    succeeded: 0,
    failed: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    ...totals,
  },
  failing: [],
});

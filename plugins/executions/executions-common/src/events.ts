import { z } from 'zod';
import type {
  ExecutionError,
  ExecutionTrigger,
  PendingApproval,
  TokenTotals,
} from './types';

/**
 * Lifecycle events of runs, steps and approvals, as the executions store
 * writes them to its outbox and the relay publishes them. See
 * `docs/events.md`.
 */

/** Every event type, versioned by the `.v1` suffix. @public */
export const EXECUTION_EVENT_TYPES = [
  'ai-ops.execution.queued.v1',
  'ai-ops.execution.started.v1',
  'ai-ops.execution.paused.v1',
  'ai-ops.execution.resumed.v1',
  'ai-ops.execution.succeeded.v1',
  'ai-ops.execution.failed.v1',
  'ai-ops.execution.cancelled.v1',
  'ai-ops.step.started.v1',
  'ai-ops.step.retrying.v1',
  'ai-ops.step.succeeded.v1',
  'ai-ops.step.failed.v1',
  'ai-ops.step.skipped.v1',
  'ai-ops.approval.requested.v1',
  'ai-ops.approval.decided.v1',
  'ai-ops.approval.timed_out.v1',
  'ai-ops.budget.exceeded.v1',
] as const;

/** @public */
export type ExecutionEventType = (typeof EXECUTION_EVENT_TYPES)[number];

/** The `source` of every event. @public */
export const EXECUTION_EVENT_SOURCE = '/ai-ops/executions';

/** The version of the `data` schemas; bumped only with a new `.vN` type. @public */
export const EXECUTION_EVENT_DATA_SCHEMA_VERSION = 1;

/** The durable topic exchange events are published to. @public */
export const EXECUTION_EVENTS_EXCHANGE = 'ai-ops.executions';

/** The dead-letter exchange consumers give their queues (`x-dead-letter-exchange`). @public */
export const EXECUTION_EVENTS_DLX = 'ai-ops.executions.dlx';

/**
 * A schema that validates less than its TypeScript type promises (the checks
 * the contract has always made), typed as the shared type of `./types`.
 */
function typedAs<T>(schema: z.ZodType): z.ZodType<T> {
  return schema as unknown as z.ZodType<T>;
}

/** The fields a loose schema knows, without its `[key: string]: unknown`. */
type KnownFields<S extends z.ZodObject> = z.output<z.ZodObject<S['shape']>>;

const nonEmptyString = () => z.string().min(1);
const integer = () => z.number().refine(Number.isInteger);
const nonNegativeInteger = () => integer().refine(v => v >= 0);
const isoTime = () => z.string().refine(v => !Number.isNaN(Date.parse(v)));

const tokensSchema = typedAs<TokenTotals>(
  z.looseObject({
    inputTokens: nonNegativeInteger(),
    outputTokens: nonNegativeInteger(),
  }),
);
const errorSchema = typedAs<ExecutionError>(
  z.looseObject({ code: z.string(), message: z.string() }),
);
const triggerSchema = typedAs<ExecutionTrigger>(
  z.looseObject({ type: z.string() }),
);
const approversSchema = typedAs<PendingApproval['approvers']>(
  z.looseObject({
    owners: z.boolean(),
    groups: z.array(z.unknown()),
    roles: z.array(z.unknown()),
  }),
);
const executionStatusSchema = z.enum([
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
]);
const stepStatusSchema = z.enum([
  'pending',
  'running',
  'retrying',
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
]);
const kindSchema = z.enum(['approval', 'budget']);

/*
 * Field order matters: a failing event is reported by its first invalid
 * field, in the order of these shapes. Unknown fields are kept everywhere.
 */

const baseShape = {
  /** `aiworkflow:<namespace>/<name>`, lower-cased. */
  workflowRef: nonEmptyString(),
  workflowVersion: integer(),
  /** Owner of the workflow at start. */
  owner: nonEmptyString(),
};
const totalsShape = {
  costUsd: z.number().optional(),
  tokens: tokensSchema.optional(),
};
const runStatusShape = { status: executionStatusSchema };
const stepShape = {
  stepId: nonEmptyString(),
  /** forEach iteration, or 0. */
  iteration: nonNegativeInteger(),
};
const attemptShape = {
  ...stepShape,
  /** 1 for the first attempt. */
  attempt: nonNegativeInteger(),
};

/** What every event's data carries: the run's workflow. @public */
export const executionEventBaseSchema = z.looseObject(baseShape);

/** @public */
export type ExecutionEventBase = KnownFields<typeof executionEventBaseSchema>;

/** Totals of a run when it changed state. @public */
export const executionTotalsSchema = z.looseObject(totalsShape);

/** @public */
export type ExecutionTotals = KnownFields<typeof executionTotalsSchema>;

/** Identifies one attempt of one step (of one forEach iteration). @public */
export const stepRefSchema = z.looseObject(stepShape);

/** @public */
export type StepRef = KnownFields<typeof stepRefSchema>;

/** @public */
export const stepAttemptRefSchema = z.looseObject(attemptShape);

/** @public */
export type StepAttemptRef = KnownFields<typeof stepAttemptRefSchema>;

/** The data of the step attempt events. @public */
export const stepAttemptEventDataSchema = z.looseObject({
  ...baseShape,
  ...attemptShape,
  status: stepStatusSchema,
  componentRef: nonEmptyString().optional(),
  model: nonEmptyString().optional(),
  costUsd: z.number().optional(),
  tokens: tokensSchema.optional(),
  latencyMs: z.number().optional(),
  error: errorSchema.optional(),
});

/** @public */
export type StepAttemptEventData = KnownFields<
  typeof stepAttemptEventDataSchema
>;

/** The schema of the `data` of each event type. @public */
export const executionEventDataSchemas = {
  'ai-ops.execution.queued.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
    trigger: triggerSchema.optional(),
    parentExecutionId: nonEmptyString().optional(),
    createdBy: nonEmptyString().optional(),
  }),
  'ai-ops.execution.started.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
  }),
  'ai-ops.execution.paused.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
    ...totalsShape,
    /** What the run waits for, when known. */
    reason: kindSchema.optional(),
    stepId: nonEmptyString().optional(),
  }),
  'ai-ops.execution.resumed.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
  }),
  'ai-ops.execution.succeeded.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
    ...totalsShape,
  }),
  'ai-ops.execution.failed.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
    ...totalsShape,
    error: errorSchema.optional(),
  }),
  'ai-ops.execution.cancelled.v1': z.looseObject({
    ...baseShape,
    ...runStatusShape,
    ...totalsShape,
    error: errorSchema.optional(),
  }),
  'ai-ops.step.started.v1': stepAttemptEventDataSchema,
  'ai-ops.step.retrying.v1': stepAttemptEventDataSchema,
  'ai-ops.step.succeeded.v1': stepAttemptEventDataSchema,
  /**
   * `final` is false when the runtime may still retry the step (the store
   * does not know the retry policy) and true when the step failed for good.
   */
  'ai-ops.step.failed.v1': stepAttemptEventDataSchema.extend({
    final: z.boolean(),
  }),
  'ai-ops.step.skipped.v1': z.looseObject({
    ...baseShape,
    ...stepShape,
    status: stepStatusSchema,
  }),
  'ai-ops.approval.requested.v1': z.looseObject({
    ...baseShape,
    stepId: nonEmptyString(),
    kind: kindSchema,
    message: z.string().optional(),
    approvers: approversSchema.optional(),
    requestedAt: isoTime(),
    deadline: isoTime().optional(),
  }),
  'ai-ops.approval.decided.v1': z.looseObject({
    ...baseShape,
    stepId: nonEmptyString(),
    kind: kindSchema,
    /** Set when the decision is known to the writer. */
    decision: z.enum(['approved', 'rejected']).optional(),
    decidedBy: nonEmptyString().optional(),
  }),
  'ai-ops.approval.timed_out.v1': z.looseObject({
    ...baseShape,
    stepId: nonEmptyString(),
    kind: kindSchema,
    deadline: isoTime().optional(),
  }),
  'ai-ops.budget.exceeded.v1': z.looseObject({
    ...baseShape,
    ...totalsShape,
    stepId: nonEmptyString(),
    limitUsd: z.number().optional(),
    message: z.string().optional(),
  }),
} satisfies Record<ExecutionEventType, z.ZodObject>;

/** The `data` of each event type. @public */
export type ExecutionEventDataMap = {
  [T in ExecutionEventType]: KnownFields<(typeof executionEventDataSchemas)[T]>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The CloudEvents 1.0 envelope of any event type, with `data` only required
 * to be an object. @public
 */
export const executionEventEnvelopeSchema = z.looseObject({
  specversion: z.literal('1.0'),
  /** uuid; consumers dedupe by it. */
  id: z.string().regex(UUID),
  type: z.enum(EXECUTION_EVENT_TYPES),
  source: z.literal(EXECUTION_EVENT_SOURCE),
  /** ISO 8601. */
  time: isoTime(),
  /** The execution id. */
  subject: nonEmptyString(),
  /** Per execution, from 1, contiguous; consumers order by it. */
  sequence: integer().refine(v => v >= 1),
  datacontenttype: z.literal('application/json'),
  dataschemaversion: z.literal(EXECUTION_EVENT_DATA_SCHEMA_VERSION),
  data: z.looseObject({}),
});

function envelopeOf<T extends ExecutionEventType>(type: T) {
  return executionEventEnvelopeSchema.extend({
    type: z.literal(type),
    data: executionEventDataSchemas[type],
  });
}

/** Any lifecycle event, discriminated by `type`. @public */
export const executionEventSchema = z.discriminatedUnion('type', [
  envelopeOf('ai-ops.execution.queued.v1'),
  envelopeOf('ai-ops.execution.started.v1'),
  envelopeOf('ai-ops.execution.paused.v1'),
  envelopeOf('ai-ops.execution.resumed.v1'),
  envelopeOf('ai-ops.execution.succeeded.v1'),
  envelopeOf('ai-ops.execution.failed.v1'),
  envelopeOf('ai-ops.execution.cancelled.v1'),
  envelopeOf('ai-ops.step.started.v1'),
  envelopeOf('ai-ops.step.retrying.v1'),
  envelopeOf('ai-ops.step.succeeded.v1'),
  envelopeOf('ai-ops.step.failed.v1'),
  envelopeOf('ai-ops.step.skipped.v1'),
  envelopeOf('ai-ops.approval.requested.v1'),
  envelopeOf('ai-ops.approval.decided.v1'),
  envelopeOf('ai-ops.approval.timed_out.v1'),
  envelopeOf('ai-ops.budget.exceeded.v1'),
]);

/** The CloudEvents 1.0 envelope of one event type. @public */
export type ExecutionEventOf<T extends ExecutionEventType> = Omit<
  KnownFields<typeof executionEventEnvelopeSchema>,
  'type' | 'data'
> & {
  type: T;
  data: ExecutionEventDataMap[T];
};

/** Any lifecycle event, discriminated by `type`. @public */
export type ExecutionEvent = {
  [T in ExecutionEventType]: ExecutionEventOf<T>;
}[ExecutionEventType];

/** @public */
export type ParseExecutionEventResult =
  | { success: true; event: ExecutionEvent }
  | { success: false; error: string };

/**
 * `<field> is required` or `<field> is invalid` for the first issue, naming
 * the envelope field or the `data.` field (not deeper) that failed.
 */
function describeIssue(error: z.ZodError, value: unknown): string {
  const issue = error.issues[0];
  const path = issue.path
    .slice(0, issue.path[0] === 'data' ? 2 : 1)
    .map(String);
  let at: unknown = value;
  for (const key of path) {
    at =
      typeof at === 'object' && at !== null
        ? (at as Record<string, unknown>)[key]
        : undefined;
  }
  return `${path.join('.')} is ${at === undefined ? 'required' : 'invalid'}`;
}

/**
 * Validates an event: a JSON string, a Buffer's text or an already parsed
 * value. Fields a type does not know are kept (new fields are optional).
 *
 * @public
 */
export function parseExecutionEvent(json: unknown): ParseExecutionEventResult {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return { success: false, error: 'not JSON' };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { success: false, error: 'not an object' };
  }
  // The envelope first, so that its first invalid field is reported even
  // when `type` is unknown; then the data schema of the type.
  const envelope = executionEventEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    return { success: false, error: describeIssue(envelope.error, value) };
  }
  const event = executionEventSchema.safeParse(value);
  if (!event.success) {
    return { success: false, error: describeIssue(event.error, value) };
  }
  return { success: true, event: event.data as ExecutionEvent };
}

/** One routing key word: dots would split it, so they become underscores. */
function word(value: string): string {
  return value.replace(/\./g, '_') || '_';
}

/**
 * `<namespace>.<name>` of a workflow ref (`aiworkflow:<namespace>/<name>`,
 * namespace `default` when absent).
 *
 * @public
 */
export function workflowRoutingPrefix(workflowRef: string): string {
  const colon = workflowRef.indexOf(':');
  const rest = colon >= 0 ? workflowRef.slice(colon + 1) : workflowRef;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : 'default';
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  return `${word(namespace.toLocaleLowerCase('en-US'))}.${word(
    name.toLocaleLowerCase('en-US'),
  )}`;
}

/**
 * The routing key an event is published with:
 * `<namespace>.<name>.<type without "ai-ops." and ".v1">`, such as
 * `default.support-triage.step.failed`.
 *
 * @public
 */
export function routingKeyOf(
  event: Pick<ExecutionEvent, 'type'> & {
    data: Pick<ExecutionEventBase, 'workflowRef'>;
  },
): string {
  const kind = event.type.replace(/^ai-ops\./, '').replace(/\.v\d+$/, '');
  return `${workflowRoutingPrefix(event.data.workflowRef)}.${kind}`;
}

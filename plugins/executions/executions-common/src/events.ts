import type {
  ExecutionError,
  ExecutionStatus,
  ExecutionTrigger,
  PendingApproval,
  StepStatus,
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

/** What every event's data carries: the run's workflow. @public */
export interface ExecutionEventBase {
  /** `aiworkflow:<namespace>/<name>`, lower-cased. */
  workflowRef: string;
  workflowVersion: number;
  /** Owner of the workflow at start. */
  owner: string;
}

/** Totals of a run when it changed state. @public */
export interface ExecutionTotals {
  costUsd?: number;
  tokens?: TokenTotals;
}

/** Identifies one attempt of one step (of one forEach iteration). @public */
export interface StepRef {
  stepId: string;
  /** forEach iteration, or 0. */
  iteration: number;
}

/** @public */
export interface StepAttemptRef extends StepRef {
  /** 1 for the first attempt. */
  attempt: number;
}

/** @public */
export type StepAttemptEventData = ExecutionEventBase &
  StepAttemptRef & {
    status: StepStatus;
    componentRef?: string;
    model?: string;
    costUsd?: number;
    tokens?: TokenTotals;
    latencyMs?: number;
    error?: ExecutionError;
  };

/** The `data` of each event type. @public */
export interface ExecutionEventDataMap {
  'ai-ops.execution.queued.v1': ExecutionEventBase & {
    status: ExecutionStatus;
    trigger?: ExecutionTrigger;
    parentExecutionId?: string;
    createdBy?: string;
  };
  'ai-ops.execution.started.v1': ExecutionEventBase & {
    status: ExecutionStatus;
  };
  'ai-ops.execution.paused.v1': ExecutionEventBase &
    ExecutionTotals & {
      status: ExecutionStatus;
      /** What the run waits for, when known. */
      reason?: PendingApproval['kind'];
      stepId?: string;
    };
  'ai-ops.execution.resumed.v1': ExecutionEventBase & {
    status: ExecutionStatus;
  };
  'ai-ops.execution.succeeded.v1': ExecutionEventBase &
    ExecutionTotals & { status: ExecutionStatus };
  'ai-ops.execution.failed.v1': ExecutionEventBase &
    ExecutionTotals & { status: ExecutionStatus; error?: ExecutionError };
  'ai-ops.execution.cancelled.v1': ExecutionEventBase &
    ExecutionTotals & { status: ExecutionStatus; error?: ExecutionError };
  'ai-ops.step.started.v1': StepAttemptEventData;
  'ai-ops.step.retrying.v1': StepAttemptEventData;
  'ai-ops.step.succeeded.v1': StepAttemptEventData;
  /**
   * `final` is false when the runtime may still retry the step (the store
   * does not know the retry policy) and true when the step failed for good.
   */
  'ai-ops.step.failed.v1': StepAttemptEventData & { final: boolean };
  'ai-ops.step.skipped.v1': ExecutionEventBase &
    StepRef & { status: StepStatus };
  'ai-ops.approval.requested.v1': ExecutionEventBase & {
    stepId: string;
    kind: PendingApproval['kind'];
    message?: string;
    approvers?: PendingApproval['approvers'];
    requestedAt: string;
    deadline?: string;
  };
  'ai-ops.approval.decided.v1': ExecutionEventBase & {
    stepId: string;
    kind: PendingApproval['kind'];
    /** Set when the decision is known to the writer. */
    decision?: 'approved' | 'rejected';
    decidedBy?: string;
  };
  'ai-ops.approval.timed_out.v1': ExecutionEventBase & {
    stepId: string;
    kind: PendingApproval['kind'];
    deadline?: string;
  };
  'ai-ops.budget.exceeded.v1': ExecutionEventBase &
    ExecutionTotals & {
      stepId: string;
      limitUsd?: number;
      message?: string;
    };
}

/** The CloudEvents 1.0 envelope of one event type. @public */
export interface ExecutionEventOf<T extends ExecutionEventType> {
  specversion: '1.0';
  /** uuid; consumers dedupe by it. */
  id: string;
  type: T;
  source: typeof EXECUTION_EVENT_SOURCE;
  /** ISO 8601. */
  time: string;
  /** The execution id. */
  subject: string;
  /** Per execution, from 1, contiguous; consumers order by it. */
  sequence: number;
  datacontenttype: 'application/json';
  dataschemaversion: 1;
  data: ExecutionEventDataMap[T];
}

/** Any lifecycle event, discriminated by `type`. @public */
export type ExecutionEvent = {
  [T in ExecutionEventType]: ExecutionEventOf<T>;
}[ExecutionEventType];

/** @public */
export type ParseExecutionEventResult =
  | { success: true; event: ExecutionEvent }
  | { success: false; error: string };

type Check = (value: unknown) => boolean;

const isString: Check = v => typeof v === 'string' && v.length > 0;
const isInt: Check = v => typeof v === 'number' && Number.isInteger(v);
const isNonNegativeInt: Check = v => isInt(v) && (v as number) >= 0;
const isNumber: Check = v => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = v => typeof v === 'boolean';
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isIsoTime: Check = v =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v));
const oneOf =
  (...values: string[]): Check =>
  v =>
    typeof v === 'string' && values.includes(v);
const isTokens: Check = v =>
  isObject(v) &&
  isNonNegativeInt(v.inputTokens) &&
  isNonNegativeInt(v.outputTokens);
const isError: Check = v =>
  isObject(v) && typeof v.code === 'string' && typeof v.message === 'string';
const isApprovers: Check = v =>
  isObject(v) &&
  typeof v.owners === 'boolean' &&
  Array.isArray(v.groups) &&
  Array.isArray(v.roles);
const isExecutionStatus = oneOf(
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
);
const isStepStatus = oneOf(
  'pending',
  'running',
  'retrying',
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
);
const isKind = oneOf('approval', 'budget');

/** Field name to [check, required]. Unknown fields are allowed. */
type Shape = Record<string, [Check, boolean]>;

const base: Shape = {
  workflowRef: [isString, true],
  workflowVersion: [isInt, true],
  owner: [isString, true],
};
const totals: Shape = {
  costUsd: [isNumber, false],
  tokens: [isTokens, false],
};
const runStatus: Shape = { status: [isExecutionStatus, true] };
const step: Shape = {
  stepId: [isString, true],
  iteration: [isNonNegativeInt, true],
};
const attempt: Shape = {
  ...base,
  ...step,
  attempt: [isNonNegativeInt, true],
  status: [isStepStatus, true],
  componentRef: [isString, false],
  model: [isString, false],
  costUsd: [isNumber, false],
  tokens: [isTokens, false],
  latencyMs: [isNumber, false],
  error: [isError, false],
};

const DATA_SHAPES: Record<ExecutionEventType, Shape> = {
  'ai-ops.execution.queued.v1': {
    ...base,
    ...runStatus,
    trigger: [v => isObject(v) && typeof v.type === 'string', false],
    parentExecutionId: [isString, false],
    createdBy: [isString, false],
  },
  'ai-ops.execution.started.v1': { ...base, ...runStatus },
  'ai-ops.execution.paused.v1': {
    ...base,
    ...runStatus,
    ...totals,
    reason: [isKind, false],
    stepId: [isString, false],
  },
  'ai-ops.execution.resumed.v1': { ...base, ...runStatus },
  'ai-ops.execution.succeeded.v1': { ...base, ...runStatus, ...totals },
  'ai-ops.execution.failed.v1': {
    ...base,
    ...runStatus,
    ...totals,
    error: [isError, false],
  },
  'ai-ops.execution.cancelled.v1': {
    ...base,
    ...runStatus,
    ...totals,
    error: [isError, false],
  },
  'ai-ops.step.started.v1': attempt,
  'ai-ops.step.retrying.v1': attempt,
  'ai-ops.step.succeeded.v1': attempt,
  'ai-ops.step.failed.v1': { ...attempt, final: [isBoolean, true] },
  'ai-ops.step.skipped.v1': {
    ...base,
    ...step,
    status: [isStepStatus, true],
  },
  'ai-ops.approval.requested.v1': {
    ...base,
    stepId: [isString, true],
    kind: [isKind, true],
    message: [v => typeof v === 'string', false],
    approvers: [isApprovers, false],
    requestedAt: [isIsoTime, true],
    deadline: [isIsoTime, false],
  },
  'ai-ops.approval.decided.v1': {
    ...base,
    stepId: [isString, true],
    kind: [isKind, true],
    decision: [oneOf('approved', 'rejected'), false],
    decidedBy: [isString, false],
  },
  'ai-ops.approval.timed_out.v1': {
    ...base,
    stepId: [isString, true],
    kind: [isKind, true],
    deadline: [isIsoTime, false],
  },
  'ai-ops.budget.exceeded.v1': {
    ...base,
    ...totals,
    stepId: [isString, true],
    limitUsd: [isNumber, false],
    message: [v => typeof v === 'string', false],
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ENVELOPE: Shape = {
  specversion: [v => v === '1.0', true],
  id: [v => typeof v === 'string' && UUID.test(v), true],
  type: [oneOf(...EXECUTION_EVENT_TYPES), true],
  source: [v => v === EXECUTION_EVENT_SOURCE, true],
  time: [isIsoTime, true],
  subject: [isString, true],
  sequence: [v => isInt(v) && (v as number) >= 1, true],
  datacontenttype: [v => v === 'application/json', true],
  dataschemaversion: [v => v === EXECUTION_EVENT_DATA_SCHEMA_VERSION, true],
  data: [isObject, true],
};

function check(
  value: Record<string, unknown>,
  shape: Shape,
  path: string,
): string | undefined {
  for (const [field, [valid, required]] of Object.entries(shape)) {
    const v = value[field];
    if (v === undefined) {
      if (required) return `${path}${field} is required`;
    } else if (!valid(v)) {
      return `${path}${field} is invalid`;
    }
  }
  return undefined;
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
  if (!isObject(value)) return { success: false, error: 'not an object' };
  const envelopeError = check(value, ENVELOPE, '');
  if (envelopeError) return { success: false, error: envelopeError };
  const type = value.type as ExecutionEventType;
  const dataError = check(
    value.data as Record<string, unknown>,
    DATA_SHAPES[type],
    'data.',
  );
  if (dataError) return { success: false, error: dataError };
  return { success: true, event: value as unknown as ExecutionEvent };
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

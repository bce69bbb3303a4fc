import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ExecutionSignal,
  ExecutionStatus,
  StepStatus,
  TokenTotals,
} from '@ai-ops/plugin-executions-common';

/** The live state of one step of a run, built from its events. */
export interface StepLiveState {
  stepId: string;
  /** The state of the step: of its only iteration, or summed up over them. */
  status: StepStatus;
  /** The newest attempt seen (of any iteration). */
  attempt: number;
  /** forEach iterations seen (1 for a plain step). */
  iterations: number;
  /** Status by forEach iteration. */
  iterationStatus: Readonly<Record<number, StepStatus>>;
  /** Latency of the newest finished attempt. */
  latencyMs?: number;
  /** Cost of every finished attempt, USD. */
  costUsd: number;
  tokens: TokenTotals;
  errorMessage?: string;
  /** Time of the first event of the step. */
  startedAt?: string;
  /** Time of the newest event of the step. */
  updatedAt?: string;
}

/** What a run waits for, while paused. */
export interface LiveApproval {
  stepId: string;
  kind: 'approval' | 'budget';
}

/** The live state of a run: its steps keyed by step id. */
export interface RunLiveState {
  executionId: string;
  /** The sequence of the newest event applied; events apply in order from 1. */
  lastSequence: number;
  status?: ExecutionStatus;
  steps: Readonly<Record<string, StepLiveState>>;
  /** Step ids in the order their first event arrived. */
  stepOrder: readonly string[];
  pendingApproval?: LiveApproval;
  costUsd?: number;
  tokens?: TokenTotals;
  errorMessage?: string;
  /** Events that arrived ahead of a missing one, by sequence. */
  ahead: Readonly<Record<number, ExecutionSignal>>;
}

const ZERO_TOKENS: TokenTotals = { inputTokens: 0, outputTokens: 0 };

/** The approval part of a signal; `decision` when the event carried it. */
type ApprovalSummary = NonNullable<ExecutionSignal['approval']> & {
  decision?: 'approved' | 'rejected';
};

/** The state of a step that is not an attempt (an approval step's wait and decision). */
function stepState(
  previous: StepLiveState | undefined,
  stepId: string,
  status: StepStatus,
  time: string,
): StepLiveState {
  return {
    stepId,
    attempt: 0,
    iterations: 1,
    costUsd: 0,
    tokens: ZERO_TOKENS,
    startedAt: time,
    ...previous,
    status,
    iterationStatus: { ...previous?.iterationStatus, 0: status },
    updatedAt: time,
  };
}

/** What applying an event did. */
export type ApplyResult = 'applied' | 'duplicate' | 'gap';

/** The run store: state and the reducer of events. */
export interface RunStoreState extends RunLiveState {
  /**
   * Applies an event. One with a sequence already applied is a duplicate and
   * changes nothing; one that skips a sequence waits in `ahead` (and the
   * caller fetches the missing ones) and applies once the gap is filled.
   */
  apply(signal: ExecutionSignal): ApplyResult;
  /** Applies a batch of events (a page of the run's history) in order. */
  applyAll(signals: readonly ExecutionSignal[]): void;
  /**
   * Sets the outcome of a step that waited for a decision, as the API reports
   * it, when its event did not carry it; ignored unless the step still waits.
   */
  resolveWaitingStep(stepId: string, status: StepStatus, time: string): void;
}

/** A zustand store of the live state of one run. */
export type RunStore = StoreApi<RunStoreState>;

const ACTIVE_RANK: Record<StepStatus, number> = {
  running: 7,
  retrying: 6,
  waiting: 5,
  failed: 4,
  cancelled: 3,
  pending: 2,
  succeeded: 1,
  skipped: 0,
};

/**
 * The status of a step over its iterations: the most pressing one (running
 * before waiting before failed...), so a forEach step shows as running while
 * any iteration runs and as succeeded only when all have.
 */
function summarise(iterations: Record<number, StepStatus>): StepStatus {
  let best: StepStatus = 'pending';
  let rank = -1;
  for (const status of Object.values(iterations)) {
    if (ACTIVE_RANK[status] > rank) {
      best = status;
      rank = ACTIVE_RANK[status];
    }
  }
  return best;
}

function addTokens(a: TokenTotals, b?: TokenTotals): TokenTotals {
  if (!b) return a;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}

/** The next state of one step after a step event. */
function nextStep(
  previous: StepLiveState | undefined,
  signal: ExecutionSignal,
): StepLiveState {
  const step = signal.step!;
  const base: StepLiveState = previous ?? {
    stepId: step.stepId,
    status: 'pending',
    attempt: 0,
    iterations: 0,
    iterationStatus: {},
    costUsd: 0,
    tokens: ZERO_TOKENS,
    startedAt: signal.time,
  };
  // A failed attempt that is retried is shown as retrying until the next attempt starts.
  const status: StepStatus =
    step.status === 'failed' && step.final === false ? 'retrying' : step.status;
  const iterationStatus = { ...base.iterationStatus, [step.iteration]: status };
  const finished = step.status !== 'running';
  return {
    ...base,
    status: summarise(iterationStatus),
    attempt: Math.max(base.attempt, step.attempt ?? 0),
    iterations: Object.keys(iterationStatus).length,
    iterationStatus,
    latencyMs: step.latencyMs ?? base.latencyMs,
    costUsd: finished ? base.costUsd + (step.costUsd ?? 0) : base.costUsd,
    tokens: finished ? addTokens(base.tokens, step.tokens) : base.tokens,
    errorMessage:
      step.errorMessage ??
      (status === 'succeeded' ? undefined : base.errorMessage),
    updatedAt: signal.time,
  };
}

/** Applies one event that is next in sequence. */
function reduce(
  state: RunLiveState,
  signal: ExecutionSignal,
): Partial<RunLiveState> {
  const patch: Partial<RunLiveState> = { lastSequence: signal.sequence };
  if (signal.executionStatus) {
    patch.status = signal.executionStatus;
    if (signal.executionStatus !== 'paused') patch.pendingApproval = undefined;
  }
  if (signal.costUsd !== undefined) patch.costUsd = signal.costUsd;
  if (signal.tokens) patch.tokens = signal.tokens;
  if (signal.errorMessage && signal.type.startsWith('ai-ops.execution.')) {
    patch.errorMessage = signal.errorMessage;
  }
  const approval = signal.approval as ApprovalSummary | undefined;
  switch (signal.type) {
    case 'ai-ops.approval.requested.v1':
    case 'ai-ops.budget.exceeded.v1':
    case 'ai-ops.execution.paused.v1':
      if (approval) {
        patch.pendingApproval = {
          stepId: approval.stepId,
          kind: approval.kind,
        };
      }
      // An approval step waits; a step paused by the budget has not started.
      if (approval?.kind === 'approval') {
        patch.steps = {
          ...state.steps,
          [approval.stepId]: stepState(
            state.steps[approval.stepId],
            approval.stepId,
            'waiting',
            signal.time,
          ),
        };
        if (!state.steps[approval.stepId]) {
          patch.stepOrder = [...state.stepOrder, approval.stepId];
        }
      }
      break;
    case 'ai-ops.approval.decided.v1':
    case 'ai-ops.approval.timed_out.v1':
      patch.pendingApproval = undefined;
      if (approval?.kind === 'approval' && approval.decision) {
        patch.steps = {
          ...state.steps,
          [approval.stepId]: stepState(
            state.steps[approval.stepId],
            approval.stepId,
            approval.decision === 'approved' ? 'succeeded' : 'failed',
            signal.time,
          ),
        };
      }
      break;
    default:
      break;
  }
  if (signal.step) {
    const id = signal.step.stepId;
    const previous = state.steps[id];
    // Only the changed step gets a new object: selectors of the others keep theirs.
    patch.steps = { ...state.steps, [id]: nextStep(previous, signal) };
    if (!previous) patch.stepOrder = [...state.stepOrder, id];
  }
  return patch;
}

/** Creates the store of one run, empty until its events are applied. */
export function createRunStore(executionId: string): RunStore {
  return createStore<RunStoreState>()((set, get) => ({
    executionId,
    lastSequence: 0,
    steps: {},
    stepOrder: [],
    ahead: {},
    apply(signal) {
      const state = get();
      if (signal.executionId !== state.executionId) return 'duplicate';
      if (signal.sequence <= state.lastSequence) return 'duplicate';
      if (signal.sequence > state.lastSequence + 1) {
        if (!state.ahead[signal.sequence]) {
          set({ ahead: { ...state.ahead, [signal.sequence]: signal } });
        }
        return 'gap';
      }
      // Apply it and whatever waited behind it, in one update.
      let next: RunLiveState = { ...state, ...reduce(state, signal) };
      const ahead = { ...state.ahead };
      while (ahead[next.lastSequence + 1]) {
        const waiting = ahead[next.lastSequence + 1];
        delete ahead[next.lastSequence + 1];
        next = { ...next, ...reduce(next, waiting) };
      }
      for (const key of Object.keys(ahead)) {
        if (Number(key) <= next.lastSequence) delete ahead[Number(key)];
      }
      const {
        apply: _a,
        applyAll: _b,
        resolveWaitingStep: _c,
        ...data
      } = next as RunStoreState;
      set({ ...data, ahead });
      return 'applied';
    },
    applyAll(signals) {
      const sorted = [...signals].sort((a, b) => a.sequence - b.sequence);
      for (const signal of sorted) get().apply(signal);
    },
    resolveWaitingStep(stepId, status, time) {
      const state = get();
      const step = state.steps[stepId];
      if (step?.status !== 'waiting' || status === 'waiting') return;
      set({
        steps: {
          ...state.steps,
          [stepId]: stepState(step, stepId, status, time),
        },
      });
    },
  }));
}

/** Whether the store holds events it cannot apply until missing ones arrive. */
export function hasGap(state: RunLiveState): boolean {
  return Object.keys(state.ahead).length > 0;
}

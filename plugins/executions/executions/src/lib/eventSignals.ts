import {
  parseExecutionEvent,
  toExecutionSignal,
  type ExecutionSignal,
} from '@ai-ops/plugin-executions-common';

/** A stored event as the events API returns it. */
export interface StoredEvent {
  id: string;
  type: string;
  time: string;
  subject: string;
  sequence: number;
  data: Record<string, unknown>;
}

/**
 * The signal summary of a stored event, as the backend would have pushed
 * it. An event this version of the contract cannot read still advances the
 * sequence (so it never blocks the ones after it) but changes nothing.
 */
export function storedEventToSignal(event: StoredEvent): ExecutionSignal {
  const parsed = parseExecutionEvent(event);
  if (parsed.success) {
    const signal = toExecutionSignal(parsed.event);
    // The stored event knows the decision; keep it for the approval step's state.
    if (parsed.event.type === 'ai-ops.approval.decided.v1' && signal.approval) {
      const decision = parsed.event.data.decision;
      if (decision)
        return {
          ...signal,
          approval: { ...signal.approval, decision },
        } as ExecutionSignal;
    }
    return signal;
  }
  return {
    id: event.id,
    type: event.type as ExecutionSignal['type'],
    sequence: event.sequence,
    time: event.time,
    executionId: event.subject,
    workflowRef: String(event.data?.workflowRef ?? ''),
  };
}

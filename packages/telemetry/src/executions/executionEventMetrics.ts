import { aiOpsInstruments } from '../metrics/instruments';

/** The parts of a lifecycle event message the metrics read. @public */
export interface MeteredEventMessage {
  event: { id: string; type: string; data: object };
}

/** Something that publishes lifecycle event messages (the outbox relay's publisher). @public */
export interface MeteredEventPublisher<M extends MeteredEventMessage> {
  publish(messages: M[]): Promise<void>;
}

const FINISHED: Record<string, string> = {
  'ai-ops.execution.succeeded.v1': 'succeeded',
  'ai-ops.execution.failed.v1': 'failed',
  'ai-ops.execution.cancelled.v1': 'cancelled',
};
const STEP_DONE = new Set([
  'ai-ops.step.succeeded.v1',
  'ai-ops.step.failed.v1',
]);

/** Ids of recently counted events: a batch the relay sends again is not counted twice. */
const REMEMBERED_IDS = 10_000;

const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value !== '' ? value : fallback;
const positive = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

/**
 * Counts runs and usage from the lifecycle events as they are published:
 * `aiops_executions_started_total{workflow}`,
 * `aiops_executions_finished_total{workflow,status}`,
 * `aiops_tokens_total{model,owner,direction}` and
 * `aiops_cost_usd_total{model,owner}` (the owner is the workflow's).
 * Events are written once per state change in the store's transaction, so
 * each run and attempt is counted once.
 *
 * @public
 */
export function meterExecutionEvents<M extends MeteredEventMessage>(
  publisher: MeteredEventPublisher<M>,
): MeteredEventPublisher<M> {
  const seen = new Set<string>();
  const remember = (id: string) => {
    seen.add(id);
    if (seen.size > REMEMBERED_IDS) {
      seen.delete(seen.values().next().value as string);
    }
  };
  return {
    async publish(messages) {
      await publisher.publish(messages);
      const instruments = aiOpsInstruments();
      for (const { event } of messages) {
        if (seen.has(event.id)) continue;
        remember(event.id);
        const data = event.data as Record<string, unknown>;
        const workflow = text(data.workflowRef, 'unknown');
        if (event.type === 'ai-ops.execution.started.v1') {
          instruments.executionsStarted.add(1, { workflow });
        } else if (FINISHED[event.type]) {
          instruments.executionsFinished.add(1, {
            workflow,
            status: FINISHED[event.type],
          });
        } else if (STEP_DONE.has(event.type)) {
          const owner = text(data.owner, 'unknown');
          const model = text(data.model, 'unknown');
          const tokens = (data.tokens ?? {}) as Record<string, unknown>;
          const input = positive(tokens.inputTokens);
          const output = positive(tokens.outputTokens);
          const cost = positive(data.costUsd);
          if (input > 0) {
            instruments.tokens.add(input, { model, owner, direction: 'input' });
          }
          if (output > 0) {
            instruments.tokens.add(output, {
              model,
              owner,
              direction: 'output',
            });
          }
          if (cost > 0) instruments.costUsd.add(cost, { model, owner });
        }
      }
    },
  };
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  EXECUTIONS_LIST_SIGNAL_CHANNEL,
  ExecutionEvent,
  executionSignalChannel,
  isExecutionRunEventType,
  toExecutionSignal,
} from '@ai-ops/plugin-executions-common';

/** How many recent event ids are remembered to drop repeats. */
const RECENT_IDS = 10_000;

/**
 * Pushes a summary of every event to the browsers connected to this backend
 * instance through Backstage signals (`docs/events.md`, "Live updates in the
 * browser"): the run's channel, and for run-level events the run-list
 * channel. An event delivered twice (at least once on the bus) is pushed
 * once, as far as the last {@link RECENT_IDS} ids tell.
 *
 * @internal
 */
export class ExecutionSignalPublisher {
  private readonly recent = new Set<string>();

  constructor(
    private readonly options: {
      signals: SignalsService;
      logger?: LoggerService;
    },
  ) {}

  async publish(event: ExecutionEvent): Promise<void> {
    if (this.recent.has(event.id)) return;
    const message = toExecutionSignal(event);
    await this.options.signals.publish({
      recipients: { type: 'broadcast' },
      channel: executionSignalChannel(event.subject),
      message,
    });
    if (isExecutionRunEventType(event.type)) {
      await this.options.signals.publish({
        recipients: { type: 'broadcast' },
        channel: EXECUTIONS_LIST_SIGNAL_CHANNEL,
        message,
      });
    }
    this.remember(event.id);
  }

  private remember(id: string) {
    this.recent.add(id);
    if (this.recent.size > RECENT_IDS) {
      // A Set iterates in insertion order: drop the oldest.
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}

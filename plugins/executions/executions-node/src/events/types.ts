import type { ExecutionEvent } from '@ai-ops/plugin-executions-common';

/** An event with the routing key it is published with. @public */
export interface ExecutionEventMessage {
  routingKey: string;
  event: ExecutionEvent;
  /**
   * W3C trace context headers (`traceparent`, `tracestate`) of the request
   * or activity that wrote the event, when tracing was on.
   */
  traceContext?: Record<string, string>;
}

/**
 * Where the outbox relay publishes events to. `publish` resolves only once
 * every message is accepted (for a broker: confirmed); a rejection makes the
 * relay send the same messages again.
 *
 * @public
 */
export interface ExecutionEventPublisher {
  publish(messages: ExecutionEventMessage[]): Promise<void>;
}

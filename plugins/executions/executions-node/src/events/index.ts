export { OutboxRelay } from './OutboxRelay';
export {
  InProcessEventBus,
  type ExecutionEventBatchHandler,
  type ExecutionEventHandler,
} from './InProcessEventBus';
export type { ExecutionEventMessage, ExecutionEventPublisher } from './types';
export {
  RabbitMqEventPublisher,
  EXECUTION_EVENTS_DEAD_QUEUE,
} from './RabbitMqEventPublisher';
export {
  RabbitMqEventConsumer,
  EXECUTION_EVENTS_HISTORY_QUEUE,
  type ConsumedEventHandler,
  type RabbitMqEventConsumerOptions,
} from './RabbitMqEventConsumer';

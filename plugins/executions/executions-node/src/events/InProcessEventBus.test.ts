import type { ExecutionEvent } from '@ai-ops/plugin-executions-common';
import { InProcessEventBus } from './InProcessEventBus';
import { ExecutionEventMessage } from './types';

const message = (
  routingKey: string,
  subject: string,
  sequence: number,
): ExecutionEventMessage => ({
  routingKey,
  event: { id: `${subject}-${sequence}`, subject, sequence } as ExecutionEvent,
});

describe('InProcessEventBus', () => {
  const batch = [
    message('default.a.execution.started', 'run-a', 1),
    message('default.b.execution.started', 'run-b', 1),
    message('default.a.step.succeeded', 'run-a', 2),
  ];

  it('hands a batch subscriber the matching events of a batch at once, in order', async () => {
    const bus = new InProcessEventBus();
    const calls: string[][] = [];
    const single: string[] = [];
    bus.subscribeBatch('default.a.#', messages => {
      calls.push(messages.map(m => m.event.id));
    });
    bus.subscribeBatch('default.c.#', messages => {
      calls.push(messages.map(m => m.event.id));
    });
    bus.subscribe('#', m => {
      single.push(m.event.id);
    });
    await bus.publish(batch);
    expect(calls).toEqual([['run-a-1', 'run-a-2']]);
    expect(single).toEqual(['run-a-1', 'run-b-1', 'run-a-2']);
  });

  it('still delivers to the others when a batch subscriber fails, then rejects so the batch is sent again', async () => {
    const bus = new InProcessEventBus();
    const single: string[] = [];
    const unsubscribe = bus.subscribeBatch('#', () => {
      throw new Error('database away');
    });
    bus.subscribe('#', m => {
      single.push(m.event.id);
    });
    await expect(bus.publish(batch)).rejects.toThrow(/database away/);
    expect(single).toEqual(['run-a-1', 'run-b-1', 'run-a-2']);
    unsubscribe();
    await expect(bus.publish(batch)).resolves.toBeUndefined();
  });
});

import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

describe('jsonata', () => {
  const invoker = createTestInvoker({});

  it('evaluates the expression against the input', async () => {
    const result = await invoker.invoke(
      component('jsonata', {
        expression:
          '{ "total": $sum(items.(price * qty)), "names": items.name }',
      }),
      {
        items: [
          { name: 'a', price: 2, qty: 3 },
          { name: 'b', price: 1.5, qty: 2 },
        ],
      },
    );
    expect(result).toEqual({
      output: { total: 9, names: ['a', 'b'] },
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      priced: true,
      latencyMs: expect.any(Number),
    });
  });

  it('returns null when nothing matches', async () => {
    const { output } = await invoker.invoke(
      component('jsonata', { expression: 'missing.field' }),
      { other: 1 },
    );
    expect(output).toBeNull();
  });

  it('classifies a syntax error as InvalidConfig with its position', async () => {
    const error = await rejection(
      invoker.invoke(
        component('jsonata', { expression: 'items[price > ]' }),
        {},
      ),
    );
    expect(error).toMatchObject({ code: 'InvalidConfig', retryable: false });
    expect(error.message).toMatch(
      /^jsonata: the expression does not parse, S0\d+ at position \d+: /,
    );
  });

  it('classifies an evaluation error as InvalidConfig', async () => {
    const error = await rejection(
      invoker.invoke(component('jsonata', { expression: 'a + 1' }), {
        a: 'text',
      }),
    );
    expect(error.code).toBe('InvalidConfig');
    expect(error.message).toContain('T2001');
  });

  it('stops runaway recursion', async () => {
    const error = await rejection(
      invoker.invoke(
        component('jsonata', {
          expression: '($f := function($n) { $f($n + 1) }; $f(0))',
          timeoutMs: 2000,
        }),
        {},
      ),
    );
    expect(error.code).toBe('InvalidConfig');
    expect(error.message).toMatch(/D1011|D1012/);
  });

  it('evaluates one parsed expression for many inputs at once, each against its own', async () => {
    const expression =
      '{ "id": id, "twice": $map(values, function($v) { $v * 2 }) }';
    const inputs = Array.from({ length: 20 }, (_, id) => ({
      id,
      values: [id, id + 1],
    }));
    const outputs = await Promise.all(
      inputs.map(input =>
        invoker.invoke(component('jsonata', { expression }), input),
      ),
    );
    expect(outputs.map(o => o.output)).toEqual(
      inputs.map(({ id }) => ({ id, twice: [id * 2, id * 2 + 2] })),
    );
  });

  it('gives each evaluation of $now() and $millis() its own time', async () => {
    const expression = '{ "now": $now(), "millis": $millis() }';
    const first = await invoker.invoke(
      component('jsonata', { expression }),
      {},
    );
    await new Promise(resolve => setTimeout(resolve, 5));
    const second = await invoker.invoke(
      component('jsonata', { expression }),
      {},
    );
    const { now, millis } = first.output as { now: string; millis: number };
    const later = second.output as { now: string; millis: number };
    expect(Date.parse(now)).toBe(millis);
    expect(later.millis).toBeGreaterThan(millis);
    expect(Date.parse(later.now)).toBe(later.millis);
  });
});

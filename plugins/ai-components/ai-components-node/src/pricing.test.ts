import { ConfigReader } from '@backstage/config';
import { computeCostUsd, readPriceTable, sumUsage } from './pricing';

describe('readPriceTable', () => {
  it('reads prices keyed by model name, dots included', () => {
    const config = new ConfigReader({
      aiComponents: {
        pricing: {
          models: {
            'gpt-4o-mini': {
              inputPer1kTokens: 0.00015,
              outputPer1kTokens: 0.0006,
            },
            'gpt-4.1': { inputPer1kTokens: 0.002, perCall: 0 },
          },
        },
      },
    });
    expect(readPriceTable(config)).toEqual({
      'gpt-4o-mini': { inputPer1kTokens: 0.00015, outputPer1kTokens: 0.0006 },
      'gpt-4.1': { inputPer1kTokens: 0.002, perCall: 0 },
    });
  });

  it('returns an empty table when nothing is configured', () => {
    expect(readPriceTable(new ConfigReader({}))).toEqual({});
  });

  it('rejects negative and non-number prices with the key path', () => {
    expect(() =>
      readPriceTable(
        new ConfigReader({
          aiComponents: { pricing: { models: { m: { perCall: -1 } } } },
        }),
      ),
    ).toThrow(
      'Invalid config at aiComponents.pricing.models.m.perCall: must be a number >= 0',
    );
    expect(() =>
      readPriceTable(
        new ConfigReader({
          aiComponents: {
            pricing: { models: { m: { inputPer1kTokens: 'cheap' } } },
          },
        }),
      ),
    ).toThrow(
      'aiComponents.pricing.models.m.inputPer1kTokens: must be a number >= 0',
    );
  });

  it('rejects unknown price fields and non-object entries', () => {
    expect(() =>
      readPriceTable(
        new ConfigReader({
          aiComponents: { pricing: { models: { m: { inputPer1k: 1 } } } },
        }),
      ),
    ).toThrow(/aiComponents\.pricing\.models\.m\.inputPer1k: unknown price/);
    expect(() =>
      readPriceTable(
        new ConfigReader({ aiComponents: { pricing: { models: { m: 3 } } } }),
      ),
    ).toThrow(
      'Invalid config at aiComponents.pricing.models.m: must be an object',
    );
  });
});

describe('computeCostUsd', () => {
  const priceTable = {
    'gpt-4o-mini': { inputPer1kTokens: 0.00015, outputPer1kTokens: 0.0006 },
    'claude-3-5-haiku': { inputPer1kTokens: 0.0008, outputPer1kTokens: 0.004 },
  };
  const usage = { inputTokens: 1200, outputTokens: 300 };

  it('prices the reported model from the table', () => {
    // 1.2 * 0.00015 + 0.3 * 0.0006 = 0.00018 + 0.00018
    expect(computeCostUsd({ usage, model: 'gpt-4o-mini', priceTable })).toEqual(
      {
        costUsd: 0.00036,
        priced: true,
      },
    );
  });

  it('finds dated snapshots under their base name', () => {
    expect(
      computeCostUsd({ usage, model: 'gpt-4o-mini-2024-07-18', priceTable }),
    ).toEqual({ costUsd: 0.00036, priced: true });
    expect(
      computeCostUsd({ usage, model: 'claude-3-5-haiku-20241022', priceTable }),
    ).toEqual({ costUsd: 0.00216, priced: true });
  });

  it("lets the component's pricing win over the table", () => {
    expect(
      computeCostUsd({
        usage,
        model: 'gpt-4o-mini',
        componentPricing: { inputPer1kTokens: 0.01, perCall: 0.002 },
        priceTable,
      }),
    ).toEqual({ costUsd: 0.014, priced: true });
  });

  it('charges perCall without token usage', () => {
    expect(
      computeCostUsd({ componentPricing: { perCall: 0.0005 }, priceTable }),
    ).toEqual({ costUsd: 0.0005, priced: true });
  });

  it('marks token usage of an unknown model as unpriced', () => {
    expect(computeCostUsd({ usage, model: 'mystery', priceTable })).toEqual({
      costUsd: 0,
      priced: false,
    });
    expect(computeCostUsd({ usage, priceTable })).toEqual({
      costUsd: 0,
      priced: false,
    });
  });

  it('treats a call without usage or prices as free and priced', () => {
    expect(computeCostUsd({ priceTable })).toEqual({
      costUsd: 0,
      priced: true,
    });
  });

  describe('a result of several model calls', () => {
    const calls = [
      // The agent's two turns on gpt-4o-mini: 2 * 0.00036.
      { model: 'gpt-4o-mini-2024-07-18', usage },
      { model: 'gpt-4o-mini', usage },
      // A tool's call on claude-3-5-haiku: 0.00216.
      { model: 'claude-3-5-haiku-20241022', usage },
    ];

    it('prices each call at its own model', () => {
      expect(
        computeCostUsd({
          usage: sumUsage(calls),
          model: 'gpt-4o-mini',
          calls,
          priceTable,
        }),
      ).toEqual({ costUsd: 0.00288, priced: true });
      expect(sumUsage(calls)).toEqual({
        inputTokens: 3600,
        outputTokens: 900,
      });
    });

    it('is unpriced when any call has no price, and counts the others', () => {
      expect(
        computeCostUsd({
          calls: [...calls, { model: 'mystery', usage }],
          priceTable,
        }),
      ).toEqual({ costUsd: 0.00288, priced: false });
      expect(computeCostUsd({ calls: [{ usage }], priceTable })).toEqual({
        costUsd: 0,
        priced: false,
      });
    });

    it("is priced whole by the component's pricing", () => {
      // (3.6 * 0.01) + 0.002: one call of the component.
      expect(
        computeCostUsd({
          usage: sumUsage(calls),
          calls,
          componentPricing: { inputPer1kTokens: 0.01, perCall: 0.002 },
          priceTable,
        }),
      ).toEqual({ costUsd: 0.038, priced: true });
    });
  });

  it('rounds to 1e-8', () => {
    expect(
      computeCostUsd({
        usage: { inputTokens: 1, outputTokens: 1 },
        componentPricing: {
          inputPer1kTokens: 0.00001,
          outputPer1kTokens: 0.000001,
        },
        priceTable,
      }),
    ).toEqual({ costUsd: 1e-8, priced: true });
  });
});

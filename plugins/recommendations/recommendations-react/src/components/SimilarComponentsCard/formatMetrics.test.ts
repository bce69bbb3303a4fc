import { formatMetrics } from './formatMetrics';

describe('formatMetrics', () => {
  it('says cost, latency, quality and runs where measured', () => {
    expect(
      formatMetrics({
        runs: 37,
        avgCostUsd: 0.00123,
        p50LatencyMs: 419.6,
        evaluationScore: 0.912,
        evaluations: 12,
      }),
    ).toBe('$0.00123 per call · 420 ms median · quality 0.91 · 37 runs');
    expect(formatMetrics({ runs: 1, avgCostUsd: 1.5 })).toBe(
      '$1.50 per call · 1 run',
    );
  });

  it('says nothing without runs', () => {
    expect(formatMetrics(undefined)).toBe('');
    expect(formatMetrics({ runs: 0 })).toBe('');
  });
});

import { render, screen } from '@testing-library/react';
import { budgetOf, RunEstimate } from './RunEstimate';

const since = () => new Date(Date.now() - 30 * 86_400_000).toISOString();

describe('RunEstimate', () => {
  it('reads the budget of a version spec', () => {
    expect(budgetOf({ budget: { maxCostUsd: 0.5 } })).toBe(0.5);
    expect(budgetOf({ steps: [] })).toBeUndefined();
    expect(budgetOf(undefined)).toBeUndefined();
  });

  it('says when no run qualifies, with the budget', () => {
    render(
      <RunEstimate
        estimate={{
          workflowRef: 'aiworkflow:default/w',
          basis: 'none',
          runs: 0,
          since: since(),
          finished: { succeeded: 0, failed: 0, cancelled: 0 },
        }}
        budgetUsd={0.5}
      />,
    );
    expect(screen.getByTestId('run-estimate')).toHaveTextContent(
      'No succeeded run in the last 30 days to estimate from. Budget $0.50 a run.',
    );
  });

  it('says how many of the finished runs did not succeed', () => {
    const estimate = (finished: {
      succeeded: number;
      failed: number;
      cancelled: number;
    }) =>
      render(
        <RunEstimate
          estimate={{
            workflowRef: 'aiworkflow:default/w',
            basis: finished.succeeded ? 'version' : 'none',
            version: 2,
            runs: finished.succeeded,
            since: since(),
            finished,
            ...(finished.succeeded
              ? {
                  costUsd: { p50: 0.01, p95: 0.02 },
                  tokens: { p50: 100, p95: 200 },
                  durationMs: { p50: 1000, p95: 2000 },
                }
              : {}),
          }}
        />,
      ).container.textContent;
    expect(estimate({ succeeded: 40, failed: 3, cancelled: 1 })).toBe(
      'Estimate from 40 succeeded runs of version 2 in the last 30 days: $0.01 typical, $0.02 at the 95th percentile; 100 tokens; about 1.0 s. Of the 44 runs that finished, 3 failed and 1 was cancelled.',
    );
    expect(estimate({ succeeded: 0, failed: 4, cancelled: 0 })).toBe(
      'No succeeded run in the last 30 days to estimate from. Of the 4 runs that finished, 4 failed.',
    );
    expect(estimate({ succeeded: 5, failed: 0, cancelled: 2 })).toMatch(
      /about 1\.0 s\. Of the 7 runs that finished, 2 were cancelled\.$/,
    );
  });

  it('warns when the high estimate passes the budget', () => {
    render(
      <RunEstimate
        estimate={{
          workflowRef: 'aiworkflow:default/w',
          basis: 'version',
          version: 3,
          runs: 1,
          since: since(),
          finished: { succeeded: 1, failed: 0, cancelled: 0 },
          costUsd: { p50: 0.4, p95: 2.5 },
          tokens: { p50: 12000, p95: 80000 },
          durationMs: { p50: 65_000, p95: 200_000 },
        }}
        budgetUsd={1}
      />,
    );
    expect(screen.getByTestId('run-estimate')).toHaveTextContent(
      'Estimate from 1 succeeded run of version 3 in the last 30 days: $0.40 typical, $2.50 at the 95th percentile; 12,000 tokens; about 1 min 5 s. Budget $1.00 a run. Runs that reach the budget pause for approval.',
    );
  });
});

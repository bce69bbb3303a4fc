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
        }}
        budgetUsd={0.5}
      />,
    );
    expect(screen.getByTestId('run-estimate')).toHaveTextContent(
      'No succeeded run in the last 30 days to estimate from. Budget $0.5000 a run.',
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
          costUsd: { p50: 0.4, p95: 2.5 },
          tokens: { p50: 12000, p95: 80000 },
          durationMs: { p50: 65_000, p95: 200_000 },
        }}
        budgetUsd={1}
      />,
    );
    expect(screen.getByTestId('run-estimate')).toHaveTextContent(
      'Estimate from 1 succeeded run of version 3 in the last 30 days: $0.4000 typical, $2.50 at the 95th percentile; 12,000 tokens; about 1 min 5 s. Budget $1.00 a run. Runs that reach the budget pause for approval.',
    );
  });
});

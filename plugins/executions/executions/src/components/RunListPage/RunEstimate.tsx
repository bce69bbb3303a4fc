import Typography from '@material-ui/core/Typography';
import type { RunEstimateDto } from '@ai-ops/plugin-executions-common';
import { formatDuration, formatUsd } from '../../lib/format';

/** The `spec.budget.maxCostUsd` of a workflow version's spec, if any. */
export function budgetOf(spec: unknown): number | undefined {
  const budget = (spec as { budget?: { maxCostUsd?: unknown } } | undefined)
    ?.budget;
  return typeof budget?.maxCostUsd === 'number' ? budget.maxCostUsd : undefined;
}

/** How many of the finished runs did not succeed, when any did not. */
function outcomeText(finished: RunEstimateDto['finished'] | undefined) {
  if (!finished) return '';
  const { succeeded, failed, cancelled } = finished;
  if (failed + cancelled === 0) return '';
  const total = succeeded + failed + cancelled;
  const parts = [
    failed > 0 ? `${failed} failed` : '',
    cancelled > 0
      ? `${cancelled} ${cancelled === 1 ? 'was' : 'were'} cancelled`
      : '',
  ].filter(Boolean);
  return ` Of the ${total} run${
    total === 1 ? '' : 's'
  } that finished, ${parts.join(' and ')}.`;
}

/**
 * What the run about to start is likely to cost and take, from the
 * workflow's recent succeeded runs, how many recent runs did not succeed,
 * and how that compares with the version's budget.
 */
export const RunEstimate = (props: {
  estimate: RunEstimateDto;
  /** The version's `spec.budget.maxCostUsd`, when it has one. */
  budgetUsd?: number;
}) => {
  const { estimate, budgetUsd } = props;
  const days = Math.round(
    (Date.now() - Date.parse(estimate.since)) / 86_400_000,
  );
  const budget =
    budgetUsd === undefined ? '' : ` Budget ${formatUsd(budgetUsd)} a run.`;
  const outcomes = outcomeText(estimate.finished);
  let text: string;
  if (estimate.basis === 'none' || !estimate.costUsd) {
    text = `No succeeded run in the last ${days} days to estimate from.${outcomes}${budget}`;
  } else {
    const of =
      estimate.basis === 'version'
        ? `of version ${estimate.version}`
        : 'of other versions (none of this one yet)';
    text = `Estimate from ${estimate.runs} succeeded run${
      estimate.runs === 1 ? '' : 's'
    } ${of} in the last ${days} days: ${formatUsd(
      estimate.costUsd.p50,
    )} typical, ${formatUsd(estimate.costUsd.p95)} at the 95th percentile; ${
      estimate.tokens?.p50.toLocaleString('en-US') ?? 0
    } tokens; about ${formatDuration(
      estimate.durationMs?.p50,
    )}.${outcomes}${budget}`;
    if (budgetUsd !== undefined && estimate.costUsd.p95 > budgetUsd) {
      text += ' Runs that reach the budget pause for approval.';
    }
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="run-estimate"
      style={{ marginTop: 8 }}
    >
      {text}
    </Typography>
  );
};

import useAsync from 'react-use/esm/useAsync';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { AiComponentKey } from '@ai-ops/plugin-ai-components-common';
import { formatDuration, formatUsd } from '@ai-ops/console-react';
import type { MetricsBucketDto } from '@ai-ops/plugin-executions-common';
import { componentUsageApiRef } from '../../api';
import { useAiComponentsPaths } from '../../lib/paths';

/** The window the card covers. */
export const USAGE_WINDOW_MS = 7 * 24 * 3600_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Why the usage could not be read, in a few words. */
function unavailable(error: Error): string {
  if (ResponseError.is(error)) {
    if (error.statusCode === 403) {
      return 'You may not see the usage of this component.';
    }
    if (error.statusCode === 404) {
      return 'Usage is unavailable: the executions API is not installed.';
    }
    return `Usage is unavailable (${error.statusCode}).`;
  }
  return 'Usage is unavailable.';
}

const Figure = (props: { label: string; value: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="dt">
      {props.label}
    </Typography>
    <Typography variant="h6" component="dd" sx={{ m: 0 }}>
      {props.value}
    </Typography>
  </Box>
);

const Totals = (props: { totals: MetricsBucketDto }) => {
  const t = props.totals;
  return (
    <Box
      component="dl"
      aria-label="Usage totals"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(8rem, 1fr))',
        gap: 2,
      }}
    >
      <Figure label="Calls" value={count(t.runs)} />
      <Figure
        label="Success rate"
        value={
          t.successRate === undefined
            ? '—'
            : `${(t.successRate * 100).toFixed(1)}%`
        }
      />
      <Figure label="p50 latency" value={formatDuration(t.p50LatencyMs)} />
      <Figure label="p95 latency" value={formatDuration(t.p95LatencyMs)} />
      <Figure
        label="Tokens (in / out)"
        value={`${count(t.inputTokens)} / ${count(t.outputTokens)}`}
      />
      <Figure label="Cost" value={formatUsd(t.costUsd)} />
    </Box>
  );
};

/**
 * "Usage (last 7 days)": how workflow steps called a component: calls,
 * success rate, p50/p95 latency, tokens and cost, from the executions API,
 * with a link to its full metrics page when the app has one. A missing or
 * refusing executions API shows as a short note in the card only.
 *
 * @public
 */
export const UsageCard = (props: { componentKey: AiComponentKey }) => {
  const { namespace, name } = props.componentKey;
  const api = useApi(componentUsageApiRef);
  const paths = useAiComponentsPaths();
  const { value, loading, error } = useAsync(() => {
    const to = new Date();
    return api.getComponentMetrics(
      { namespace, name },
      {
        from: new Date(to.getTime() - USAGE_WINDOW_MS).toISOString(),
        to: to.toISOString(),
        bucket: 'day',
      },
    );
  }, [api, namespace, name]);
  const metricsLink = paths.componentMetrics({ namespace, name });

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error || !value) {
    body = (
      <Typography variant="body2" color="text.secondary" role="status">
        {unavailable(error ?? new Error('No usage'))}
      </Typography>
    );
  } else if (value.totals.runs === 0) {
    body = (
      <Typography color="text.secondary">
        Not called by any workflow run in the last 7 days.
      </Typography>
    );
  } else {
    body = <Totals totals={value.totals} />;
  }

  return (
    <InfoCard
      title="Usage (last 7 days)"
      actions={
        metricsLink && !error ? (
          <Link component={RouterLink} href={metricsLink} underline="hover">
            All metrics
          </Link>
        ) : undefined
      }
    >
      {body}
    </InfoCard>
  );
};

import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import type { MetricsDto } from '@ai-ops/plugin-executions-common';
import { executionsApiRef } from '../../api';
import { formatDuration, formatUsd } from '../../lib/format';
import { EntityKey, useExecutionsPaths } from '../../lib/paths';
import { PanelBoundary } from '../PanelBoundary';
import { MetricsCharts } from './MetricsCharts';
import { RetentionCard } from './RetentionCard';

/** The time ranges the page offers. */
export const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 24 * 3600_000, bucket: 'hour' },
  '7d': { label: 'Last 7 days', ms: 7 * 86400_000, bucket: 'day' },
  '30d': { label: 'Last 30 days', ms: 30 * 86400_000, bucket: 'day' },
} as const;

type RangeKey = keyof typeof RANGES;

const Total = (props: { label: string; value: string }) => (
  <Grid item xs={6} sm={4} md={2}>
    <Typography variant="caption" color="textSecondary" display="block">
      {props.label}
    </Typography>
    <Typography variant="h6" component="div" aria-label={props.label}>
      {props.value}
    </Typography>
  </Grid>
);

const Totals = (props: { metrics: MetricsDto }) => {
  const t = props.metrics.totals;
  return (
    <Grid container spacing={2}>
      <Total label="Runs" value={String(t.runs)} />
      <Total
        label="Success rate"
        value={
          t.successRate === undefined
            ? '—'
            : `${(t.successRate * 100).toFixed(1)}%`
        }
      />
      <Total label="p50 latency" value={formatDuration(t.p50LatencyMs)} />
      <Total label="p95 latency" value={formatDuration(t.p95LatencyMs)} />
      <Total
        label="Tokens"
        value={(t.inputTokens + t.outputTokens).toLocaleString('en-US')}
      />
      <Total label="Cost" value={formatUsd(t.costUsd)} />
    </Grid>
  );
};

/**
 * Metrics of a workflow (its runs) or of an AI component (the steps that
 * called it): totals, charts over time, and what fails most (steps of the
 * workflow, or workflows using the component). A workflow's page also shows
 * how long its finished runs are kept.
 */
export const MetricsPage = (props: {
  kind: 'workflow' | 'component';
  entity: EntityKey;
}) => {
  const { kind, entity } = props;
  const api = useApi(executionsApiRef);
  const paths = useExecutionsPaths();
  const [range, setRange] = useState<RangeKey>('7d');
  const result = useAsync(async () => {
    const to = new Date();
    const query = {
      from: new Date(to.getTime() - RANGES[range].ms).toISOString(),
      to: to.toISOString(),
      bucket: RANGES[range].bucket,
    };
    return kind === 'workflow'
      ? api.getWorkflowMetrics(entity, query)
      : api.getComponentMetrics(entity, query);
  }, [api, kind, entity.namespace, entity.name, range]);

  const ref = `${entity.namespace}/${entity.name}`;
  let body;
  if (result.loading) body = <Progress />;
  else if (result.error) body = <ResponseErrorPanel error={result.error} />;
  else if (result.value && result.value.totals.runs === 0) {
    body = (
      <EmptyState
        missing="data"
        title={
          kind === 'workflow'
            ? 'No runs in this time range'
            : 'No calls in this time range'
        }
      />
    );
  } else if (result.value) {
    const metrics = result.value;
    body = (
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <InfoCard title="Totals">
            <Totals metrics={metrics} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Over time">
            <PanelBoundary title="The charts">
              <MetricsCharts metrics={metrics} />
            </PanelBoundary>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={
              kind === 'workflow'
                ? 'Steps that fail most'
                : 'Workflows in which it fails most'
            }
          >
            {metrics.failing.length === 0 ? (
              <Typography variant="body2">Nothing failed.</Typography>
            ) : (
              <Table size="small" aria-label="Most failing">
                <TableHead>
                  <TableRow>
                    <TableCell>
                      {kind === 'workflow' ? 'Step' : 'Workflow'}
                    </TableCell>
                    <TableCell align="right">Failed attempts</TableCell>
                    <TableCell align="right">Runs with failures</TableCell>
                    <TableCell>Last error</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {metrics.failing.map(f => (
                    <TableRow key={f.key}>
                      <TableCell>
                        {kind === 'component' ? (
                          <Link
                            component={RouterLink}
                            href={paths.workflowMetrics(f.key)}
                          >
                            {f.key}
                          </Link>
                        ) : (
                          f.key
                        )}
                      </TableCell>
                      <TableCell align="right">{f.failures}</TableCell>
                      <TableCell align="right">{f.runs}</TableCell>
                      <TableCell>{f.lastError ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader title={`Metrics of ${kind} ${ref}`}>
        <Box display="flex" style={{ gap: 8 }} alignItems="center">
          {kind === 'workflow' && (
            <Link
              component={RouterLink}
              href={`${paths.list()}?workflow=${encodeURIComponent(
                `aiworkflow:${ref}`,
              )}`}
            >
              Runs of this workflow
            </Link>
          )}
          <TextField
            select
            id="metrics-time-range"
            size="small"
            variant="outlined"
            label="Time range"
            value={range}
            onChange={e => setRange(e.target.value as RangeKey)}
          >
            {(Object.keys(RANGES) as RangeKey[]).map(key => (
              <MenuItem key={key} value={key}>
                {RANGES[key].label}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      </ContentHeader>
      {body}
      {kind === 'workflow' && (
        <Box mt={2}>
          <PanelBoundary title="The retention">
            <RetentionCard workflow={entity} />
          </PanelBoundary>
        </Box>
      )}
    </Content>
  );
};

import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricsDto } from '@ai-ops/plugin-executions-common';

const CHART_HEIGHT = 220;

function bucketLabel(start: string, bucket: 'hour' | 'day'): string {
  const date = new Date(start);
  return bucket === 'hour'
    ? date.toLocaleString(undefined, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
      })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

const Chart = (props: { title: string; children: React.ReactElement }) => (
  <Grid item xs={12} md={6}>
    <figure style={{ margin: 0 }} aria-label={props.title}>
      <Typography variant="subtitle2" component="figcaption">
        {props.title}
      </Typography>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  </Grid>
);

/**
 * The metrics over time: p50/p95 latency, runs and success rate, tokens and
 * cost, one point per bucket that has data.
 */
export const MetricsCharts = (props: { metrics: MetricsDto }) => {
  const { metrics } = props;
  const theme = useTheme();
  const data = metrics.buckets.map(b => ({
    label: bucketLabel(b.start, metrics.bucket),
    p50: b.p50LatencyMs,
    p95: b.p95LatencyMs,
    successRate:
      b.successRate === undefined
        ? undefined
        : Math.round(b.successRate * 1000) / 10,
    runs: b.runs,
    failed: b.failed,
    inputTokens: b.inputTokens,
    outputTokens: b.outputTokens,
    costUsd: b.costUsd,
  }));
  const primary = theme.palette.primary.main;
  const secondary = theme.palette.secondary.main;
  return (
    <Grid container spacing={2}>
      <Chart title="Latency (ms)">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="p50"
            name="p50"
            stroke={primary}
            dot={false}
          />
          <Line
            type="monotone"
            dataKey="p95"
            name="p95"
            stroke={secondary}
            dot={false}
          />
        </LineChart>
      </Chart>
      <Chart title="Success rate (%)">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis domain={[0, 100]} />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="successRate"
            name="success rate"
            stroke={theme.palette.success.main}
            connectNulls
          />
        </LineChart>
      </Chart>
      <Chart title="Tokens">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="inputTokens"
            name="input"
            stackId="tokens"
            fill={primary}
          />
          <Bar
            dataKey="outputTokens"
            name="output"
            stackId="tokens"
            fill={secondary}
          />
        </BarChart>
      </Chart>
      <Chart title="Cost (USD)">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis />
          <Tooltip />
          <Bar
            dataKey="costUsd"
            name="cost"
            fill={theme.palette.warning.main}
          />
        </BarChart>
      </Chart>
    </Grid>
  );
};

import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { fromJson, normalizeRef } from './rows';

/** @public */
export type MetricsBucketSize = 'hour' | 'day';

/** One time bucket of metrics (or the totals of a range). @public */
export type MetricsBucketRecord = {
  /** Start of the bucket, UTC (the range's start for totals). */
  start: string;
  /** Runs of the workflow, or attempts that called the component. */
  runs: number;
  succeeded: number;
  failed: number;
  /** succeeded / (succeeded + failed); absent when neither happened. */
  successRate?: number;
  /** Of finished runs (duration) or calls (latency); absent without any. */
  p50LatencyMs?: number;
  p95LatencyMs?: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

/** A step (of a workflow) or workflow (using a component) that failed. @public */
export type FailureCountRecord = {
  key: string;
  /** Failed attempts. */
  failures: number;
  /** Runs with at least one failed attempt of it. */
  runs: number;
  lastError?: string;
};

/** @public */
export type MetricsReport = {
  ref: string;
  from: string;
  to: string;
  bucket: MetricsBucketSize;
  /** Buckets with data, oldest first. */
  buckets: MetricsBucketRecord[];
  totals: MetricsBucketRecord;
  /** Most failures first, at most 10. */
  failing: FailureCountRecord[];
};

/** @public */
export interface MetricsQuery {
  from: Date;
  to: Date;
  bucket: MetricsBucketSize;
}

/** Typical and high values of a measure over the runs of an estimate. @public */
export type EstimateRange = { p50: number; p95: number };

/** Finished runs by how they ended. @public */
export type RunOutcomes = {
  succeeded: number;
  failed: number;
  cancelled: number;
};

/**
 * What a run of a workflow is likely to cost and take, from its recent
 * succeeded runs. @public
 */
export type RunEstimateRecord = {
  workflowRef: string;
  /**
   * `version`: runs of the asked version; `workflow`: the version has none,
   * so runs of any version; `none`: no succeeded run to go by.
   */
  basis: 'version' | 'workflow' | 'none';
  /** The version asked about, when one was. */
  version?: number;
  /** Succeeded runs the estimate is made of (the newest, at most {@link ESTIMATE_RUNS}). */
  runs: number;
  /** Runs that finished since this time count. */
  since: string;
  /**
   * How the runs that finished since `since` ended, all of them (not only
   * the newest): of the version for basis `version`, else of the workflow.
   * What a run is likely to cost says nothing of whether it succeeds.
   */
  finished: RunOutcomes;
  costUsd?: EstimateRange;
  /** Input plus output tokens per run. */
  tokens?: EstimateRange;
  durationMs?: EstimateRange;
};

/** An estimate reads at most this many of the newest succeeded runs. @public */
export const ESTIMATE_RUNS = 200;

/**
 * Aggregates of runs and step attempts for the metrics pages.
 *
 * @public
 */
export interface ExecutionMetricsStore {
  /**
   * Cost, tokens and duration of a run of a workflow (of `version` when
   * given and it has runs), from its succeeded runs finished since `since`.
   */
  runEstimate(
    workflowRef: string,
    options: { version?: number; since: Date },
  ): Promise<RunEstimateRecord>;
  /** Runs of a workflow: count, success rate, duration, tokens and cost. */
  workflowMetrics(
    workflowRef: string,
    query: MetricsQuery,
  ): Promise<MetricsReport>;
  /** Calls of a component by steps: count, success rate, latency, tokens and cost. */
  componentMetrics(
    componentRef: string,
    query: MetricsQuery,
  ): Promise<MetricsReport>;
}

const BUCKET_MS: Record<MetricsBucketSize, number> = {
  hour: 3_600_000,
  day: 86_400_000,
};

/** More buckets than this in one request is a 400. */
export const MAX_BUCKETS = 1000;
const FAILING_LIMIT = 10;

/**
 * The percentile of sorted values with linear interpolation between the
 * closest ranks: what PostgreSQL's `percentile_cont` computes.
 */
export function percentileCont(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

type AggregateRow = {
  bucket?: number | string;
  runs: number | string;
  succeeded: number | string | null;
  failed: number | string | null;
  input_tokens: number | string | null;
  output_tokens: number | string | null;
  cost_usd: number | string | null;
  p50?: number | string | null;
  p95?: number | string | null;
};

/** What differs between workflow and component metrics. */
interface Source {
  /** Rows in the range, with `status`, the time column and the measures. */
  rows: (db: Knex) => Knex.QueryBuilder;
  /** Column (qualified) the rows are bucketed by. */
  timeColumn: string;
  /** SQL of the latency in ms (null when unknown), per dialect. */
  latency: (postgres: boolean) => string;
  /** Failed attempts (`s`) in the range, joined with their run (`e`). */
  failures: (db: Knex) => Knex.QueryBuilder;
  /** Column (qualified) failures are grouped by. */
  failureKey: string;
}

/** A 400 naming the field when the range is empty or has too many buckets. */
function checkRange(query: MetricsQuery) {
  if (!(query.from.getTime() < query.to.getTime())) {
    throw new InputError('from: must be before to');
  }
  const buckets =
    (query.to.getTime() - query.from.getTime()) / BUCKET_MS[query.bucket];
  if (buckets > MAX_BUCKETS) {
    throw new InputError(
      `bucket: ${Math.ceil(buckets)} ${
        query.bucket
      } buckets between from and to; at most ${MAX_BUCKETS}`,
    );
  }
  return query;
}

const numberOrUndefined = (value: number | string | null | undefined) =>
  value === null || value === undefined ? undefined : Number(value);

const round = (value: number) => Math.round(value * 1000) / 1000;

function bucketRecord(
  row: AggregateRow | undefined,
  start: string,
  p50?: number,
  p95?: number,
): MetricsBucketRecord {
  const succeeded = Number(row?.succeeded ?? 0);
  const failed = Number(row?.failed ?? 0);
  return {
    start,
    runs: Number(row?.runs ?? 0),
    succeeded,
    failed,
    ...(succeeded + failed > 0
      ? { successRate: succeeded / (succeeded + failed) }
      : {}),
    ...(p50 !== undefined && !Number.isNaN(p50)
      ? { p50LatencyMs: round(p50) }
      : {}),
    ...(p95 !== undefined && !Number.isNaN(p95)
      ? { p95LatencyMs: round(p95) }
      : {}),
    inputTokens: Number(row?.input_tokens ?? 0),
    outputTokens: Number(row?.output_tokens ?? 0),
    costUsd: Math.round(Number(row?.cost_usd ?? 0) * 1e8) / 1e8,
  };
}

function percentilesByBucket(
  rows: Array<{ bucket: number | string; latency: number | string }>,
): Map<number | 'all', { p50: number; p95: number }> {
  const groups = new Map<number | 'all', number[]>([['all', []]]);
  for (const row of rows) {
    const key = Number(row.bucket);
    const value = Number(row.latency);
    groups.get('all')!.push(value);
    const list = groups.get(key) ?? [];
    list.push(value);
    groups.set(key, list);
  }
  const result = new Map<number | 'all', { p50: number; p95: number }>();
  for (const [key, values] of groups) {
    values.sort((a, b) => a - b);
    result.set(key, {
      p50: percentileCont(values, 0.5),
      p95: percentileCont(values, 0.95),
    });
  }
  return result;
}

/**
 * {@link ExecutionMetricsStore} in the executions database. Percentiles are
 * `percentile_cont` in SQL on PostgreSQL; on SQLite (which has no ordered-set
 * aggregates) the latencies of the range are read and interpolated the same
 * way in JS. Buckets are UTC hours or days. Create it after
 * `DatabaseExecutionStore.create`, which migrates the database.
 *
 * @public
 */
export class DatabaseExecutionMetrics implements ExecutionMetricsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseExecutionMetrics> {
    return new DatabaseExecutionMetrics(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  private get isPostgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  async runEstimate(
    workflowRef: string,
    options: { version?: number; since: Date },
  ): Promise<RunEstimateRecord> {
    const ref = normalizeRef(workflowRef);
    const { version, since } = options;
    const newest = (onlyVersion?: number) => {
      const query = this.db('executions')
        .where('workflow_ref', ref)
        .where('status', 'succeeded')
        .where('finished_at', '>=', since)
        .whereNotNull('started_at');
      if (onlyVersion !== undefined) {
        query.where('workflow_version', onlyVersion);
      }
      return query
        .select(
          'cost_usd',
          'input_tokens',
          'output_tokens',
          'started_at',
          'finished_at',
        )
        .orderBy('finished_at', 'desc')
        .limit(ESTIMATE_RUNS) as Promise<
        Array<{
          cost_usd: number | string | null;
          input_tokens: number | string | null;
          output_tokens: number | string | null;
          started_at: Date | number | string;
          finished_at: Date | number | string;
        }>
      >;
    };
    const outcomes = async (onlyVersion?: number): Promise<RunOutcomes> => {
      const query = this.db('executions')
        .where('workflow_ref', ref)
        .whereIn('status', ['succeeded', 'failed', 'cancelled'])
        .where('finished_at', '>=', since);
      if (onlyVersion !== undefined) {
        query.where('workflow_version', onlyVersion);
      }
      const counted = (await query
        .select('status')
        .count({ count: '*' })
        .groupBy('status')) as Array<{
        status: keyof RunOutcomes;
        count: number | string;
      }>;
      const result = { succeeded: 0, failed: 0, cancelled: 0 };
      for (const row of counted) result[row.status] = Number(row.count);
      return result;
    };
    let basis: RunEstimateRecord['basis'] = 'workflow';
    let rows = version === undefined ? [] : await newest(version);
    if (rows.length > 0) basis = 'version';
    else rows = await newest();
    const head = {
      workflowRef: ref,
      ...(version !== undefined ? { version } : {}),
      since: since.toISOString(),
      finished: await outcomes(basis === 'version' ? version : undefined),
    };
    if (rows.length === 0) return { ...head, basis: 'none', runs: 0 };
    const range = (values: number[], digits: number) => {
      const sorted = values.sort((a, b) => a - b);
      const scale = 10 ** digits;
      return {
        p50: Math.round(percentileCont(sorted, 0.5) * scale) / scale,
        p95: Math.round(percentileCont(sorted, 0.95) * scale) / scale,
      };
    };
    const ms = (value: Date | number | string) => new Date(value).getTime();
    return {
      ...head,
      basis,
      runs: rows.length,
      costUsd: range(
        rows.map(r => Number(r.cost_usd ?? 0)),
        8,
      ),
      tokens: range(
        rows.map(
          r => Number(r.input_tokens ?? 0) + Number(r.output_tokens ?? 0),
        ),
        0,
      ),
      durationMs: range(
        rows.map(r => ms(r.finished_at) - ms(r.started_at)),
        0,
      ),
    };
  }

  async workflowMetrics(
    workflowRef: string,
    query: MetricsQuery,
  ): Promise<MetricsReport> {
    const ref = normalizeRef(workflowRef);
    const { from, to } = checkRange(query);
    return this.report(ref, query, {
      timeColumn: 'e.queued_at',
      rows: db =>
        db('executions as e')
          .where('e.workflow_ref', ref)
          .where('e.queued_at', '>=', from)
          .where('e.queued_at', '<', to),
      latency: postgres =>
        postgres
          ? 'extract(epoch from (e.finished_at - e.started_at)) * 1000'
          : 'e.finished_at - e.started_at',
      failures: db =>
        db('step_attempts as s')
          .join('executions as e', 'e.id', 's.execution_id')
          .where('e.workflow_ref', ref)
          .where('e.queued_at', '>=', from)
          .where('e.queued_at', '<', to)
          .where('s.status', 'failed'),
      failureKey: 's.step_id',
    });
  }

  async componentMetrics(
    componentRef: string,
    query: MetricsQuery,
  ): Promise<MetricsReport> {
    const refs = [...new Set([componentRef, normalizeRef(componentRef)])];
    const { from, to } = checkRange(query);
    const inRange = (builder: Knex.QueryBuilder) =>
      builder
        .whereIn('s.component_ref', refs)
        .where('s.attempt', '>', 0)
        .where('s.started_at', '>=', from)
        .where('s.started_at', '<', to);
    return this.report(normalizeRef(componentRef), query, {
      timeColumn: 's.started_at',
      rows: db => inRange(db('step_attempts as s')),
      latency: () => 's.latency_ms',
      failures: db =>
        inRange(
          db('step_attempts as s').join(
            'executions as e',
            'e.id',
            's.execution_id',
          ),
        ).where('s.status', 'failed'),
      failureKey: 'e.workflow_ref',
    });
  }

  private async report(
    ref: string,
    query: MetricsQuery,
    source: Source,
  ): Promise<MetricsReport> {
    const size = BUCKET_MS[query.bucket];
    const postgres = this.isPostgres;
    const epochMs = postgres
      ? `(extract(epoch from ${source.timeColumn}) * 1000)`
      : source.timeColumn;
    // SQLite keeps timestamps as integer milliseconds: integer division.
    const bucketSql = postgres
      ? `floor(${epochMs} / ${size}) * ${size}`
      : `(${epochMs} / ${size}) * ${size}`;
    const latency = source.latency(postgres);
    const prefix = source.timeColumn.split('.')[0];
    const measures = [
      this.db.raw('count(*) as runs'),
      this.db.raw(
        `sum(case when ${prefix}.status = 'succeeded' then 1 else 0 end) as succeeded`,
      ),
      this.db.raw(
        `sum(case when ${prefix}.status = 'failed' then 1 else 0 end) as failed`,
      ),
      this.db.raw(`sum(${prefix}.input_tokens) as input_tokens`),
      this.db.raw(`sum(${prefix}.output_tokens) as output_tokens`),
      this.db.raw(`sum(${prefix}.cost_usd) as cost_usd`),
      ...(postgres
        ? [
            this.db.raw(
              `percentile_cont(0.5) within group (order by ${latency}) as p50`,
            ),
            this.db.raw(
              `percentile_cont(0.95) within group (order by ${latency}) as p95`,
            ),
          ]
        : []),
    ];
    const [bucketRows, [totalRow], latencies, failing] = await Promise.all([
      source
        .rows(this.db)
        .select(this.db.raw(`${bucketSql} as bucket`), ...measures)
        .groupBy(this.db.raw(bucketSql))
        .orderBy('bucket') as Promise<AggregateRow[]>,
      source.rows(this.db).select(...measures) as Promise<AggregateRow[]>,
      postgres
        ? Promise.resolve(undefined)
        : (source
            .rows(this.db)
            .select(
              this.db.raw(`${bucketSql} as bucket`),
              this.db.raw(`${latency} as latency`),
            )
            .whereRaw(`${latency} is not null`) as Promise<
            Array<{ bucket: number | string; latency: number | string }>
          >),
      this.failing(source),
    ]);

    // SQLite: latencies per bucket, interpolated like percentile_cont.
    const jsPercentiles = latencies && percentilesByBucket(latencies);
    const toBucket = (row: AggregateRow, start: string, key?: number) => {
      const p = jsPercentiles?.get(key ?? 'all');
      return bucketRecord(
        row,
        start,
        p ? p.p50 : numberOrUndefined(row.p50),
        p ? p.p95 : numberOrUndefined(row.p95),
      );
    };
    const buckets = bucketRows.map(row => {
      const key = Number(row.bucket);
      return toBucket(row, new Date(key).toISOString(), key);
    });
    return {
      ref,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      bucket: query.bucket,
      buckets,
      totals: toBucket(totalRow, query.from.toISOString()),
      failing,
    };
  }

  private async failing(source: Source): Promise<FailureCountRecord[]> {
    const column = source.failureKey;
    const rows: Array<{
      key: string;
      failures: number | string;
      runs: number | string;
    }> = await source
      .failures(this.db)
      .select(
        { key: column },
        this.db.raw('count(*) as failures'),
        this.db.raw('count(distinct s.execution_id) as runs'),
      )
      .groupBy(column)
      .orderBy([
        { column: 'failures', order: 'desc' },
        { column, order: 'asc' },
      ])
      .limit(FAILING_LIMIT);
    return Promise.all(
      rows.map(async row => {
        const last: { error: string | null } | undefined = await source
          .failures(this.db)
          .select('s.error')
          .where(column, row.key)
          .orderBy('s.started_at', 'desc')
          .first();
        const error = fromJson<{ message?: string }>(last?.error ?? null);
        return {
          key: row.key,
          failures: Number(row.failures),
          runs: Number(row.runs),
          ...(error?.message ? { lastError: error.message } : {}),
        };
      }),
    );
  }
}

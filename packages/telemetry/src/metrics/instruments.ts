import {
  Counter,
  Histogram,
  metrics,
  ObservableGauge,
} from '@opentelemetry/api';

/** The meter every console instrument belongs to. @public */
export const AIOPS_METER_NAME = '@ai-ops/telemetry';

/** Latency buckets in seconds: 5 ms to 5 minutes. */
const SECONDS_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
];
const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * The console's own Prometheus instruments (`aiops_*`). The names are the
 * exposed names: deploy/grafana dashboards and alert rules use them.
 *
 * @public
 */
export interface AiOpsInstruments {
  /** `{service, method, route, status}` */
  httpRequests: Counter;
  /** `{service, method, route, status}`, seconds */
  httpRequestDuration: Histogram;
  /** `{workflow}` */
  executionsStarted: Counter;
  /** `{workflow, status}`, status succeeded | failed | cancelled */
  executionsFinished: Counter;
  /** `{component, status}`, seconds */
  stepDuration: Histogram;
  /** `{model, owner, direction}`, direction input | output */
  tokens: Counter;
  /** `{model, owner}` */
  costUsd: Counter;
  /** `{component, evaluator}`, 0..1 */
  evaluationScore: Histogram;
}

let instruments: AiOpsInstruments | undefined;

/**
 * The instruments, created on first use on the global meter provider (the
 * one the instrumentation registers; a no-op one without it).
 *
 * @public
 */
export function aiOpsInstruments(): AiOpsInstruments {
  if (instruments) return instruments;
  const meter = metrics.getMeter(AIOPS_METER_NAME);
  instruments = {
    httpRequests: meter.createCounter('aiops_http_requests_total', {
      description: 'HTTP requests answered, by route and status code',
    }),
    httpRequestDuration: meter.createHistogram(
      'aiops_http_request_duration_seconds',
      {
        description: 'Time to answer HTTP requests, by route and status code',
        unit: 's',
        advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
      },
    ),
    executionsStarted: meter.createCounter('aiops_executions_started_total', {
      description: 'Runs that started, by workflow',
    }),
    executionsFinished: meter.createCounter('aiops_executions_finished_total', {
      description:
        'Runs that finished, by workflow and status (succeeded, failed, cancelled)',
    }),
    stepDuration: meter.createHistogram('aiops_step_duration_seconds', {
      description:
        'Duration of step attempts on the worker, by component and status',
      unit: 's',
      advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
    }),
    tokens: meter.createCounter('aiops_tokens_total', {
      description:
        'Model tokens used by steps, by model, workflow owner and direction (input, output)',
    }),
    costUsd: meter.createCounter('aiops_cost_usd_total', {
      description: 'Cost of steps in USD, by model and workflow owner',
    }),
    evaluationScore: meter.createHistogram('aiops_evaluation_score', {
      description:
        'Scores (0..1) that evaluator steps gave, by scored component and evaluator',
      advice: { explicitBucketBoundaries: SCORE_BUCKETS },
    }),
  };
  return instruments;
}

/** Forgets the instruments (tests that swap the meter provider). @internal */
export function resetAiOpsInstruments(): void {
  instruments = undefined;
}

/** An observable gauge on the console's meter. @internal */
export function createObservableGauge(
  name: string,
  description: string,
  unit?: string,
): ObservableGauge {
  return metrics
    .getMeter(AIOPS_METER_NAME)
    .createObservableGauge(name, { description, ...(unit ? { unit } : {}) });
}

import { DefaultLogger, LogEntry, Runtime } from '@temporalio/worker';
import { getTelemetryRuntime } from '../sdk/start';

/** Temporal's own log lines as JSON in production, like the backend's. */
function logFunction(entry: LogEntry): void {
  const line = {
    level: entry.level.toLowerCase(),
    message: entry.message,
    service: 'temporal',
    timestamp: new Date(
      Number(entry.timestampNanos / 1_000_000n),
    ).toISOString(),
    ...entry.meta,
  };
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(`${JSON.stringify(line)}\n`);
  } else {
    const { level, message, timestamp, service, ...rest } = line;
    process.stderr.write(
      `${timestamp} ${service} ${level} ${message} ${
        Object.keys(rest).length ? JSON.stringify(rest) : ''
      }\n`,
    );
  }
}

/** Installs the runtime without metrics; Temporal's default when that fails too. */
function installWithoutMetrics(logger: DefaultLogger): void {
  try {
    Runtime.install({ logger });
  } catch {
    // The worker installs Temporal's default runtime when it connects.
  }
}

/**
 * Installs the Temporal SDK runtime of a worker process with its Prometheus
 * metrics (`temporal_*`) on `telemetry.metrics.temporal.bindAddress`
 * (0.0.0.0:9466 by default) and its logs in the backend's format. Call it
 * before the worker connects (before `backend.start()`); without the
 * instrumentation the runtime is left to Temporal's defaults. Never
 * rejects: a runtime that cannot serve metrics runs without them.
 *
 * @public
 */
export async function installTemporalRuntimeTelemetry(): Promise<void> {
  const runtime = getTelemetryRuntime();
  if (!runtime) return;
  const logger = new DefaultLogger('INFO', logFunction);
  let settings;
  try {
    settings = await runtime.ready;
  } catch {
    return;
  }
  const { temporal } = settings.metrics;
  if (!settings.metrics.enabled || !temporal.enabled) {
    installWithoutMetrics(logger);
    return;
  }
  try {
    Runtime.install({
      logger,
      telemetryOptions: {
        metrics: {
          metricPrefix: 'temporal_',
          prometheus: {
            bindAddress: temporal.bindAddress,
            useSecondsForDurations: true,
          },
        },
      },
    });
  } catch (error) {
    logFunction({
      level: 'WARN',
      message: `Temporal SDK metrics are off: could not serve them on ${
        temporal.bindAddress
      }: ${(error as Error)?.message ?? error}`,
      timestampNanos: BigInt(Date.now()) * 1_000_000n,
    });
    installWithoutMetrics(logger);
  }
}

import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import type { Config } from '@backstage/config';
import * as winston from 'winston';
import { currentLogFields } from './logContext';

/**
 * A winston format that adds `trace_id`, `span_id` and, where known,
 * `correlation_id`, `user`, `execution_id` and `step_id` to each line
 * (fields the caller set explicitly win).
 *
 * @public
 */
export const traceContextFormat = winston.format(info => {
  for (const [key, value] of Object.entries(currentLogFields())) {
    if (info[key] === undefined) info[key] = value;
  }
  return info;
});

/**
 * The JSON lines of production: the trace context, a timestamp, and an
 * error logged as the message (`logger.error(error)`, as Backstage's
 * scheduler does when a task throws) as its text and stack rather than as
 * the error's few enumerable fields.
 *
 * @internal
 */
export function productionLogFormat(): winston.Logform.Format {
  return winston.format.combine(
    winston.format.errors({ stack: true }),
    traceContextFormat(),
    winston.format.timestamp(),
    winston.format.json(),
  );
}

function loggerConfig(config: Config) {
  return {
    level: config.getOptionalString('backend.logger.level'),
    meta: config.getOptionalConfig('backend.logger.meta')?.get<object>(),
    overrides: config.getOptionalConfigArray('backend.logger.overrides')?.map(
      (override): WinstonLoggerLevelOverride => ({
        level: override.getString('level'),
        matchers: override.getConfig('matchers').get(),
      }),
    ),
    redactAllowlist: config.getOptionalStringArray(
      'backend.logger.redactAllowlist',
    ),
  };
}

/**
 * Backstage's root logger (JSON lines when `NODE_ENV=production`, coloured
 * lines otherwise; secrets redacted; `backend.logger.*` honoured) with the
 * trace context on every line.
 *
 * @public
 */
export const rootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const settings = loggerConfig(config);
    const production = process.env.NODE_ENV === 'production';
    const logger = WinstonLogger.create({
      meta: { service: 'backstage', ...settings.meta },
      level: process.env.LOG_LEVEL || settings.level || 'info',
      format: production
        ? productionLogFormat()
        : winston.format.combine(
            winston.format.errors({ stack: true }),
            traceContextFormat(),
            WinstonLogger.colorFormat(),
          ),
      transports: [new winston.transports.Console()],
    });
    const secrets = await createConfigSecretEnumerator({ logger });
    const redact = () => {
      const allowed = new Set(
        loggerConfig(config).redactAllowlist?.map(a => a.trim()),
      );
      logger.addRedactions(
        [...secrets(config)].filter(s => !allowed.has(s.trim())),
      );
    };
    redact();
    config.subscribe?.(redact);
    logger.setLevelOverrides(settings.overrides ?? []);
    config.subscribe?.(() =>
      logger.setLevelOverrides(loggerConfig(config).overrides ?? []),
    );
    return logger;
  },
});

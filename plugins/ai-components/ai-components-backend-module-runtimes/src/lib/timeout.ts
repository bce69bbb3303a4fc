import { JsonObject } from '@backstage/types';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const DURATION = /^(\d+)(ms|s|m|h)$/;

/** Config schema properties for a request timeout. */
export const timeoutConfigProperties = {
  timeoutMs: {
    type: 'integer',
    minimum: 1,
    description: 'Timeout of the request in milliseconds.',
  },
  timeout: {
    type: 'string',
    pattern: DURATION.source,
    description:
      'Timeout as a duration such as 500ms, 5s or 2m; timeoutMs wins when both are set.',
  },
} as const;

/** The request timeout a config asks for, in milliseconds. */
export function readTimeoutMs(config: JsonObject): number | undefined {
  if (typeof config.timeoutMs === 'number') {
    return config.timeoutMs;
  }
  const match =
    typeof config.timeout === 'string' ? DURATION.exec(config.timeout) : null;
  return match ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}

import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import jsonata from 'jsonata';
import { LRUCache } from 'lru-cache';

const TYPE = 'jsonata';
const DEFAULT_TIMEOUT_MS = 5000;
const MAX_DEPTH = 500;

/**
 * Config schema of the `jsonata` runtime.
 *
 * @public
 */
export const jsonataConfigSchema: JsonObject = {
  type: 'object',
  required: ['expression'],
  additionalProperties: false,
  properties: {
    expression: {
      type: 'string',
      minLength: 1,
      description: 'JSONata expression evaluated against the input.',
    },
    timeoutMs: {
      type: 'integer',
      minimum: 1,
      maximum: 60000,
      description: `Longest evaluation time in milliseconds (default ${DEFAULT_TIMEOUT_MS}).`,
    },
  },
};

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

function describe(error: unknown): string {
  const { code, message, position } = (error ?? {}) as JsonataFailure;
  const where = typeof position === 'number' ? ` at position ${position}` : '';
  return `${code ?? 'error'}${where}: ${message ?? String(error)}`;
}

/** Parsed expressions kept by source and timeout (least recently used go first). */
const compiled = new LRUCache<string, jsonata.Expression>({ max: 500 });

/**
 * `$now()` and `$millis()` answer the time the evaluation started, which
 * JSONata keeps in the parsed expression (the last evaluation's start): an
 * expression that reads them is parsed for each evaluation, so that
 * evaluations running at the same time never read each other's.
 */
const READS_CLOCK = /\$(now|millis)\b/;

function parse(expression: string, timeoutMs: number): jsonata.Expression {
  try {
    return jsonata(expression, { timeout: timeoutMs, stack: MAX_DEPTH });
  } catch (error) {
    throw new RuntimeError(
      'InvalidConfig',
      `${TYPE}: the expression does not parse, ${describe(error)}`,
    );
  }
}

/**
 * The parsed expression, parsed once per source and timeout: an evaluation
 * binds its input in a frame of its own, so evaluations may share it.
 */
function compile(expression: string, timeoutMs: number): jsonata.Expression {
  if (READS_CLOCK.test(expression)) return parse(expression, timeoutMs);
  const key = `${timeoutMs}:${expression}`;
  let found = compiled.get(key);
  if (!found) {
    found = parse(expression, timeoutMs);
    compiled.set(key, found);
  }
  return found;
}

/**
 * Creates the `jsonata` runtime: evaluates a JSONata expression against the
 * input. A syntax error, or an evaluation error for this input, is
 * `InvalidConfig`; an evaluation that runs past `timeoutMs` or nests deeper
 * than 500 levels is stopped and also `InvalidConfig`.
 *
 * @public
 */
export function createJsonataRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'JSONata transform',
    description:
      'Evaluates a JSONata expression against the input; the result is the output (null when nothing matches).',
    configSchema: jsonataConfigSchema,
    async invoke({ config, input }): Promise<RuntimeResult> {
      const timeoutMs =
        (config.timeoutMs as number | undefined) ?? DEFAULT_TIMEOUT_MS;
      const expression = compile(config.expression as string, timeoutMs);
      let result: unknown;
      try {
        result = await expression.evaluate(input);
      } catch (error) {
        throw new RuntimeError(
          'InvalidConfig',
          `${TYPE}: evaluating the expression failed, ${describe(error)}`,
        );
      }
      // Drops JSONata's sequence markers and anything that is not JSON.
      const output = JSON.stringify(result);
      return {
        output: output === undefined ? null : (JSON.parse(output) as JsonValue),
      };
    },
  };
}

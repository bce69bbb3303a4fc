import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
  validateAgainstSchema,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { excerpt, isJsonObject, toText } from '../lib/json';
import { judge } from './llmJudge';
import { openAiChatConfigSchema } from './openAiChat';
import { secretRefField } from '../lib/secretRefs';

const TYPE = 'evaluator';

function requiredFor(method: string, required: string[]) {
  return {
    if: { properties: { method: { const: method } } },
    then: { required },
  };
}

/**
 * Config schema of the `evaluator` runtime.
 *
 * @public
 */
export const evaluatorConfigSchema: JsonObject = {
  type: 'object',
  required: ['method'],
  additionalProperties: false,
  properties: {
    method: { enum: ['exact', 'regex', 'json-schema', 'llm-judge'] },
    caseSensitive: {
      type: 'boolean',
      description: 'exact: compare strings case-sensitively (default true).',
    },
    trim: {
      type: 'boolean',
      description: 'exact: trim strings before comparing (default false).',
    },
    pattern: {
      type: 'string',
      format: 'regex',
      description: 'regex: the pattern input.actual must match.',
    },
    flags: { type: 'string', pattern: '^[dimsuv]*$' },
    schema: {
      $ref: 'https://json-schema.org/draft/2020-12/schema',
      description: 'json-schema: the JSON Schema input.actual must match.',
    },
    judge: {
      ...openAiChatConfigSchema,
      description: 'llm-judge: openai-chat config of the judge model.',
    },
    rubric: {
      type: 'string',
      minLength: 1,
      description: 'llm-judge: what a good answer looks like.',
    },
    threshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'llm-judge: the lowest score that passes (default 0.5).',
    },
  },
  allOf: [
    requiredFor('regex', ['pattern']),
    requiredFor('json-schema', ['schema']),
    requiredFor('llm-judge', ['judge']),
  ],
};

/** JSON with sorted keys, so equal objects compare equal. */
function canonical(value: JsonValue | undefined): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function verdict(passed: boolean, reason: string): RuntimeResult {
  return { output: { score: passed ? 1 : 0, passed, reason } };
}

function exact(config: JsonObject, input: JsonObject): RuntimeResult {
  if (!Object.hasOwn(input, 'expected')) {
    throw new RuntimeError(
      'InputSchemaMismatch',
      `${TYPE}: method exact needs input.expected`,
    );
  }
  let { actual, expected } = input;
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (config.trim === true) {
      actual = actual.trim();
      expected = expected.trim();
    }
    if (config.caseSensitive === false) {
      actual = actual.toLowerCase();
      expected = expected.toLowerCase();
    }
  }
  return canonical(actual) === canonical(expected)
    ? verdict(true, 'actual equals expected')
    : verdict(
        false,
        `expected ${excerpt(toText(input.expected), 200)} but got ${excerpt(
          toText(input.actual),
          200,
        )}`,
      );
}

function regex(config: JsonObject, input: JsonObject): RuntimeResult {
  const pattern = new RegExp(
    config.pattern as string,
    (config.flags as string) ?? '',
  );
  return pattern.test(toText(input.actual))
    ? verdict(true, `matches ${pattern}`)
    : verdict(false, `does not match ${pattern}`);
}

function jsonSchema(config: JsonObject, input: JsonObject): RuntimeResult {
  const result = validateAgainstSchema(config.schema, input.actual);
  return result.valid
    ? verdict(true, 'matches the schema')
    : verdict(false, result.errors.join('; '));
}

/**
 * Creates the `evaluator` runtime: scores `input.actual` from 0 to 1 by exact
 * comparison with `input.expected`, a regular expression, a JSON Schema or an
 * LLM judge. Output `{ score, passed, reason? }`.
 *
 * @public
 */
export function createEvaluatorRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'Evaluator',
    description:
      'Scores input.actual (0..1) by method exact (against input.expected), regex, json-schema or llm-judge (an openai-chat judge; input.task and input.expected give it context). Output { score, passed, reason? }.',
    configSchema: evaluatorConfigSchema,
    // The llm-judge's model key.
    secretRefs: config =>
      secretRefField(
        config.judge as JsonObject | undefined,
        '/judge/secretRef',
      ),
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      if (!isJsonObject(input) || !Object.hasOwn(input, 'actual')) {
        throw new RuntimeError(
          'InputSchemaMismatch',
          `${TYPE}: the input must be { actual, expected? }`,
        );
      }
      switch (config.method) {
        case 'exact':
          return exact(config, input);
        case 'regex':
          return regex(config, input);
        case 'json-schema':
          return jsonSchema(config, input);
        default:
          return judge(config, input, context);
      }
    },
  };
}

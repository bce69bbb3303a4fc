import {
  RuntimeContext,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject } from '@backstage/types';
import { isJsonObject, toText } from '../lib/json';

const LABEL = 'evaluator (llm-judge)';

/** The rubric used when the config has none. */
export const DEFAULT_RUBRIC =
  'The answer is correct, complete and consistent with the expected answer when one is given.';

const SYSTEM_PROMPT = [
  'You are a strict evaluator. Grade the answer against the rubric.',
  'Reply with a JSON object only, no prose around it:',
  '{"score": <number from 0 to 1, where 1 fully meets the rubric>, "reason": "<one sentence>"}',
].join('\n');

/** The chat messages that ask the judge for a verdict. */
export function judgeMessages(rubric: string, input: JsonObject): JsonObject[] {
  const parts = [`Rubric:\n${rubric}`];
  if (input.task !== undefined) {
    parts.push(`Task:\n${toText(input.task)}`);
  }
  if (input.expected !== undefined) {
    parts.push(`Expected answer:\n${toText(input.expected)}`);
  }
  parts.push(`Answer to grade:\n${toText(input.actual)}`);
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** Reads `{ score, reason }` from the judge's answer, tolerating code fences. */
export function parseVerdict(content: string): {
  score: number;
  reason?: string;
} {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  let verdict: unknown;
  try {
    verdict = JSON.parse(content.slice(start, end + 1));
  } catch {
    verdict = undefined;
  }
  const score = isJsonObject(verdict) ? verdict.score : undefined;
  if (start < 0 || typeof score !== 'number' || score < 0 || score > 1) {
    throw new RuntimeError(
      'InvalidResponse',
      `${LABEL}: the judge did not answer with {"score": 0..1, "reason": "..."}`,
    );
  }
  const reason = isJsonObject(verdict) ? verdict.reason : undefined;
  return typeof reason === 'string' ? { score, reason } : { score };
}

/**
 * Asks a chat model, through the `openai-chat` runtime, to grade
 * `input.actual` against the rubric; the judge's token usage and model are
 * the evaluator's.
 */
export async function judge(
  config: JsonObject,
  input: JsonObject,
  context: RuntimeContext,
): Promise<RuntimeResult> {
  const judgeConfig: JsonObject = {
    responseFormat: 'json_object',
    temperature: 0,
    ...(config.judge as JsonObject),
  };
  const rubric = (config.rubric as string | undefined) ?? DEFAULT_RUBRIC;
  const answer = await context.invokeRuntime(
    { type: 'openai-chat', config: judgeConfig },
    { messages: judgeMessages(rubric, input) },
  );
  const content = isJsonObject(answer.output)
    ? answer.output.content
    : undefined;
  if (typeof content !== 'string') {
    throw new RuntimeError(
      'InvalidResponse',
      `${LABEL}: the judge gave no content`,
    );
  }
  const { score, reason } = parseVerdict(content);
  const threshold = (config.threshold as number | undefined) ?? 0.5;
  return {
    output: {
      score,
      passed: score >= threshold,
      ...(reason !== undefined ? { reason } : {}),
    },
    usage: answer.usage,
    model: answer.model,
    ...(answer.calls ? { calls: answer.calls } : {}),
  };
}

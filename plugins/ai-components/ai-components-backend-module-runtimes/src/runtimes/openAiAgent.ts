import {
  ComponentRuntime,
  ModelCall,
  RuntimeContext,
  RuntimeError,
  RuntimeResult,
  RuntimeSpec,
  sumUsage,
  validateAgainstSchema,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { excerpt, isJsonObject } from '../lib/json';
import {
  openAiConnectionProperties,
  postOpenAiCompatible,
  tokenCount,
} from '../lib/openAiCompatible';
import { toMessages } from './openAiChat';
import { secretRefField } from '../lib/secretRefs';

const TYPE = 'openai-agent';
const DEFAULT_MAX_TURNS = 8;

/**
 * Config schema of the `openai-agent` runtime.
 *
 * @public
 */
export const openAiAgentConfigSchema: JsonObject = {
  type: 'object',
  required: ['model', 'tools'],
  additionalProperties: false,
  properties: {
    ...openAiConnectionProperties,
    systemPrompt: {
      type: 'string',
      description: 'Instructions put before the input messages.',
    },
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    maxTurns: {
      type: 'integer',
      minimum: 1,
      maximum: 50,
      description: `Model calls at most (default ${DEFAULT_MAX_TURNS}); the run fails when the model still asks for tools after them.`,
    },
    tools: {
      type: 'array',
      minItems: 1,
      maxItems: 64,
      description:
        'Functions the model may call; each runs on another runtime (http, mcp-tool, jsonata, …) with the arguments as its input.',
      items: {
        type: 'object',
        required: ['name', 'description', 'runtime'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,64}$' },
          description: { type: 'string', minLength: 1 },
          parameters: {
            type: 'object',
            description:
              "JSON Schema of the arguments (default: any object); the model's arguments are checked against it.",
          },
          runtime: {
            type: 'object',
            required: ['type'],
            additionalProperties: false,
            properties: {
              type: { type: 'string', minLength: 1 },
              config: { type: 'object' },
            },
          },
        },
      },
    },
  },
};

interface AgentTool {
  name: string;
  description: string;
  parameters?: JsonObject;
  runtime: { type: string; config?: JsonObject };
}

/** The runtime spec a tool runs on (no config is `{}`). */
const runtimeOf = (tool: AgentTool): RuntimeSpec => ({
  type: tool.runtime.type,
  config: tool.runtime.config ?? {},
});

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** The assistant message of an answer and the tool calls it asks for. */
function readTurn(answer: JsonObject): {
  message: JsonObject;
  content: string;
  toolCalls: ToolCall[];
} {
  const choice = Array.isArray(answer.choices) ? answer.choices[0] : undefined;
  const message = isJsonObject(choice) ? choice.message : undefined;
  if (!isJsonObject(message)) {
    throw new RuntimeError(
      'InvalidResponse',
      `${TYPE}: the response has no choices[0].message`,
    );
  }
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const toolCalls = calls.map((call, index) => {
    const fn = isJsonObject(call) ? call.function : undefined;
    if (
      !isJsonObject(call) ||
      typeof call.id !== 'string' ||
      !isJsonObject(fn) ||
      typeof fn.name !== 'string'
    ) {
      throw new RuntimeError(
        'InvalidResponse',
        `${TYPE}: tool_calls/${index} is not a function call with an id and a name`,
      );
    }
    return {
      id: call.id,
      name: fn.name,
      arguments: typeof fn.arguments === 'string' ? fn.arguments : '{}',
    };
  });
  return {
    message,
    content: typeof message.content === 'string' ? message.content : '',
    toolCalls,
  };
}

/**
 * Creates the `openai-agent` runtime: a tool-calling loop on any
 * OpenAI-compatible chat completions API. The model gets the configured
 * tools as functions; each call it makes runs the tool's runtime (through
 * the invoker, so its config is checked and its secrets resolved; the
 * tools' runtimes and configs are also checked when the component is
 * saved, through `nestedRuntimes`) with the
 * model's arguments, and the result goes back to the model, until it
 * answers without calling a tool. Input `{ messages }` or `{ prompt }`;
 * output `{ content, turns, toolCalls }`. The result lists every model
 * call (`calls`): the agent's own turns and the model calls of tools that
 * report usage, so each is priced at its own model.
 *
 * @public
 */
export function createOpenAiAgentRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'OpenAI-compatible agent (tool calling)',
    description:
      'A tool-calling loop on POST <baseUrl>/chat/completions: the model calls the configured tools (each one another runtime, such as http or mcp-tool) until it answers. Input { messages } or { prompt }; output { content, turns, toolCalls }.',
    configSchema: openAiAgentConfigSchema,
    secretRefs: config => secretRefField(config),
    nestedRuntimes: config =>
      ((config.tools as unknown as AgentTool[] | undefined) ?? []).map(
        (tool, index) => ({
          path: `/tools/${index}/runtime`,
          runtime: runtimeOf(tool),
        }),
      ),
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      const tools = config.tools as unknown as AgentTool[];
      const byName = new Map(tools.map(tool => [tool.name, tool]));
      const maxTurns =
        typeof config.maxTurns === 'number'
          ? config.maxTurns
          : DEFAULT_MAX_TURNS;
      const messages: JsonObject[] = toMessages(
        input,
        config.systemPrompt,
        TYPE,
      );
      const functions = tools.map(tool => ({
        type: 'function',
        function: {
          name: tool.name,
          description: tool.description,
          parameters: tool.parameters ?? { type: 'object' },
        },
      }));
      // Every model call: the agent's turns and its tools' model calls.
      const modelCalls: ModelCall[] = [];
      let model = config.model as string;
      const toolCalls: JsonObject[] = [];

      for (let turn = 1; turn <= maxTurns; turn++) {
        const body: JsonObject = {
          model: config.model as string,
          messages,
          tools: functions,
        };
        if (typeof config.temperature === 'number') {
          body.temperature = config.temperature;
        }
        const answer = await postOpenAiCompatible({
          label: TYPE,
          config,
          path: '/chat/completions',
          body,
          context,
        });
        if (typeof answer.model === 'string') model = answer.model;
        modelCalls.push({
          model,
          usage: {
            inputTokens: tokenCount(answer.usage, 'prompt_tokens'),
            outputTokens: tokenCount(answer.usage, 'completion_tokens'),
          },
        });
        const { message, content, toolCalls: calls } = readTurn(answer);
        if (calls.length === 0) {
          return {
            output: { content, turns: turn, toolCalls },
            usage: sumUsage(modelCalls),
            model,
            calls: modelCalls,
          };
        }
        messages.push(message);
        for (const call of calls) {
          const args = parseArguments(call.arguments);
          const tool = byName.get(call.name);
          let result: string;
          if (!tool) {
            result = JSON.stringify({ error: `No tool named '${call.name}'` });
          } else {
            result = await runTool(tool, call, args, context, modelCalls);
          }
          toolCalls.push({
            name: call.name,
            arguments: args ?? call.arguments,
          });
          messages.push({
            role: 'tool',
            tool_call_id: call.id,
            content: result,
          });
        }
      }
      throw new RuntimeError(
        'InvalidResponse',
        `${TYPE}: the model still called tools after ${maxTurns} turns (maxTurns)`,
      );
    },
  };
}

function parseArguments(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Tool failures the model reads back (it may call again differently);
 * others (a misconfigured tool, a missing secret, what a retry may fix)
 * fail the invocation.
 */
const MODEL_CAN_ACT_ON: ReadonlySet<string> = new Set([
  'ProviderRejected',
  'InputSchemaMismatch',
  'OutputSchemaMismatch',
  'InvalidResponse',
]);

/**
 * Runs one tool call and returns what the model reads back: the tool's
 * output as JSON, or `{ error }` when the arguments do not fit the tool or
 * the tool refuses them ({@link MODEL_CAN_ACT_ON}).
 */
async function runTool(
  tool: AgentTool,
  call: ToolCall,
  args: JsonValue | undefined,
  context: RuntimeContext,
  modelCalls: ModelCall[],
): Promise<string> {
  if (!isJsonObject(args)) {
    return JSON.stringify({
      error: `The arguments of ${
        tool.name
      } must be a JSON object, not ${excerpt(call.arguments, 100)}`,
    });
  }
  if (tool.parameters) {
    const checked = validateAgainstSchema(tool.parameters, args);
    if (!checked.valid) {
      return JSON.stringify({
        error: `Invalid arguments for ${tool.name}: ${checked.errors.join(
          '; ',
        )}`,
      });
    }
  }
  try {
    const result = await context.invokeRuntime(runtimeOf(tool), args);
    // The tool's model calls, priced at the tool's models.
    if (result.calls?.length) modelCalls.push(...result.calls);
    else if (result.usage) {
      modelCalls.push({ model: result.model, usage: result.usage });
    }
    return JSON.stringify(result.output ?? null);
  } catch (error) {
    if (error instanceof RuntimeError && MODEL_CAN_ACT_ON.has(error.code)) {
      return JSON.stringify({ error: error.message });
    }
    throw error;
  }
}

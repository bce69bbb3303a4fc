import { ComponentRuntime } from '@ai-ops/plugin-ai-components-node';
import { createEvaluatorRuntime } from './runtimes/evaluator';
import { createHttpRuntime } from './runtimes/http';
import { createJsonataRuntime } from './runtimes/jsonata';
import { createMcpToolRuntime } from './runtimes/mcpTool';
import { createOpenAiAgentRuntime } from './runtimes/openAiAgent';
import { createOpenAiChatRuntime } from './runtimes/openAiChat';
import { createOpenAiEmbeddingsRuntime } from './runtimes/openAiEmbeddings';
import { createPromptTemplateRuntime } from './runtimes/promptTemplate';

/**
 * A fresh instance of each of the eight built-in runtimes, for a process
 * that runs components outside the ai-components plugin (the executions
 * worker) and for tests.
 *
 * @public
 */
export function createBuiltInRuntimes(): ComponentRuntime[] {
  return [
    createOpenAiChatRuntime(),
    createOpenAiEmbeddingsRuntime(),
    createHttpRuntime(),
    createJsonataRuntime(),
    createPromptTemplateRuntime(),
    createEvaluatorRuntime(),
    createMcpToolRuntime(),
    createOpenAiAgentRuntime(),
  ];
}

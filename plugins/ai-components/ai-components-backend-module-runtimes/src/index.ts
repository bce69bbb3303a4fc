/**
 * The eight built-in runtimes of the ai-components plugin: openai-chat,
 * openai-embeddings, http, jsonata, prompt-template, evaluator, mcp-tool and
 * openai-agent. The
 * default export adds them all; each is also its own backend module.
 *
 * @packageDocumentation
 */

export { aiComponentsBuiltInRuntimes as default } from './modules';
export {
  aiComponentsModuleRuntimeEvaluator,
  aiComponentsModuleRuntimeHttp,
  aiComponentsModuleRuntimeJsonata,
  aiComponentsModuleRuntimeMcpTool,
  aiComponentsModuleRuntimeOpenAiAgent,
  aiComponentsModuleRuntimeOpenAiChat,
  aiComponentsModuleRuntimeOpenAiEmbeddings,
  aiComponentsModuleRuntimePromptTemplate,
} from './modules';
export {
  createOpenAiChatRuntime,
  openAiChatConfigSchema,
} from './runtimes/openAiChat';
export {
  createOpenAiEmbeddingsRuntime,
  openAiEmbeddingsConfigSchema,
} from './runtimes/openAiEmbeddings';
export { createHttpRuntime, httpConfigSchema } from './runtimes/http';
export { createJsonataRuntime, jsonataConfigSchema } from './runtimes/jsonata';
export {
  createPromptTemplateRuntime,
  promptTemplateConfigSchema,
} from './runtimes/promptTemplate';
export {
  createEvaluatorRuntime,
  evaluatorConfigSchema,
} from './runtimes/evaluator';
export { createMcpToolRuntime, mcpToolConfigSchema } from './runtimes/mcpTool';
export { createBuiltInRuntimes } from './builtIn';
export {
  createOpenAiAgentRuntime,
  openAiAgentConfigSchema,
} from './runtimes/openAiAgent';

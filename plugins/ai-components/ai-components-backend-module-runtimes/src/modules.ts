import {
  ComponentRuntime,
  componentRuntimesExtensionPoint,
} from '@ai-ops/plugin-ai-components-node';
import {
  BackendFeature,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { createEvaluatorRuntime } from './runtimes/evaluator';
import { createHttpRuntime } from './runtimes/http';
import { createJsonataRuntime } from './runtimes/jsonata';
import { createMcpToolRuntime } from './runtimes/mcpTool';
import { createOpenAiAgentRuntime } from './runtimes/openAiAgent';
import { createOpenAiChatRuntime } from './runtimes/openAiChat';
import { createOpenAiEmbeddingsRuntime } from './runtimes/openAiEmbeddings';
import { createPromptTemplateRuntime } from './runtimes/promptTemplate';

function createRuntimeModule(
  type: string,
  createRuntime: () => ComponentRuntime,
): BackendFeature {
  return createBackendModule({
    pluginId: 'ai-components',
    moduleId: `runtime-${type}`,
    register(reg) {
      reg.registerInit({
        deps: { runtimes: componentRuntimesExtensionPoint },
        async init({ runtimes }) {
          runtimes.addRuntime(createRuntime());
        },
      });
    },
  });
}

/**
 * Adds the `openai-chat` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimeOpenAiChat = createRuntimeModule(
  'openai-chat',
  createOpenAiChatRuntime,
);

/**
 * Adds the `openai-embeddings` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimeOpenAiEmbeddings = createRuntimeModule(
  'openai-embeddings',
  createOpenAiEmbeddingsRuntime,
);

/**
 * Adds the `http` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimeHttp = createRuntimeModule(
  'http',
  createHttpRuntime,
);

/**
 * Adds the `openai-agent` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimeOpenAiAgent = createRuntimeModule(
  'openai-agent',
  createOpenAiAgentRuntime,
);

/**
 * Adds the `mcp-tool` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimeMcpTool = createRuntimeModule(
  'mcp-tool',
  createMcpToolRuntime,
);

/**
 * Adds the `jsonata` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimeJsonata = createRuntimeModule(
  'jsonata',
  createJsonataRuntime,
);

/**
 * Adds the `prompt-template` runtime.
 *
 * @public
 */
export const aiComponentsModuleRuntimePromptTemplate = createRuntimeModule(
  'prompt-template',
  createPromptTemplateRuntime,
);

/**
 * Adds the `evaluator` runtime. Its `llm-judge` method calls `openai-chat`,
 * so install that runtime too.
 *
 * @public
 */
export const aiComponentsModuleRuntimeEvaluator = createRuntimeModule(
  'evaluator',
  createEvaluatorRuntime,
);

/**
 * Adds all eight built-in runtimes:
 * `backend.add(import('@ai-ops/plugin-ai-components-backend-module-runtimes'))`.
 *
 * @public
 */
export const aiComponentsBuiltInRuntimes = createBackendFeatureLoader({
  loader() {
    return [
      aiComponentsModuleRuntimeOpenAiChat,
      aiComponentsModuleRuntimeOpenAiEmbeddings,
      aiComponentsModuleRuntimeHttp,
      aiComponentsModuleRuntimeJsonata,
      aiComponentsModuleRuntimePromptTemplate,
      aiComponentsModuleRuntimeEvaluator,
      aiComponentsModuleRuntimeMcpTool,
      aiComponentsModuleRuntimeOpenAiAgent,
    ];
  },
});

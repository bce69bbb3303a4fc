export { aiComponentsApiRef } from './AiComponentsApi';
export type { AiComponentsApi } from './AiComponentsApi';
export {
  createAiComponentsClient,
  errorMessage,
} from './createAiComponentsClient';
export { componentUsageApiRef } from './ComponentUsageApi';
export type { ComponentUsageApi } from './ComponentUsageApi';
export { createComponentUsageClient } from './createComponentUsageClient';

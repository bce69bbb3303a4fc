export { aiComponentsApiRef } from './AiComponentsApi';
export type { AiComponentsApi } from './AiComponentsApi';
export {
  createAiComponentsClient,
  errorMessage,
} from './createAiComponentsClient';

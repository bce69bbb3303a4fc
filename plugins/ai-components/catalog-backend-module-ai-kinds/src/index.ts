/**
 * Catalog module that teaches the catalog the AIComponent and AIWorkflow kinds.
 *
 * @packageDocumentation
 */

export { catalogModuleAiKinds as default } from './module';
export { AiOpsEntitiesProcessor } from './processor/AiOpsEntitiesProcessor';
export { AiComponentsEntityProvider } from './provider/AiComponentsEntityProvider';
export { AiWorkflowsEntityProvider } from './provider/AiWorkflowsEntityProvider';
export { ConsoleEntityProvider } from './provider/ConsoleEntityProvider';
export type {
  ConsoleEntityProviderDeps,
  ConsoleEntitySource,
} from './provider/ConsoleEntityProvider';

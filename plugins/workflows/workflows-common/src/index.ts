/**
 * The workflow definition model (zod schemas, JSON Schema, validator, YAML,
 * diff), the AIWorkflow catalog kind and permissions of the workflows
 * capability.
 *
 * @packageDocumentation
 */

export * from './definition';
export * from './kind';
export * from './permissions';
export * from './client';
export * from './runVersion';
export * from './events';
export { workflowsApiSpec, workflowsApiSchemas } from './generated/schemas';

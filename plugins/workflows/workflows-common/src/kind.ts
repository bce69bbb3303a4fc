import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { z } from 'zod';
import {
  AI_WORKFLOW_API_VERSION,
  AI_WORKFLOW_KIND,
  WorkflowSpec,
  workflowSpecSchema,
} from './definition/model';

/** @public */
export interface AIWorkflowEntityV1alpha1 extends Entity {
  apiVersion: typeof AI_WORKFLOW_API_VERSION;
  kind: typeof AI_WORKFLOW_KIND;
  spec: WorkflowSpec & JsonObject;
}

/**
 * JSON Schema of a workflow's `spec`, generated from the zod model (draft-07,
 * as the catalog's validator and editors' YAML tooling expect).
 *
 * @public
 */
export const workflowSpecJsonSchema = z.toJSONSchema(workflowSpecSchema, {
  target: 'draft-7',
  io: 'input',
}) as Record<string, unknown>;

/**
 * JSON Schema of the `AIWorkflow` kind, in the form the catalog's
 * `entityKindSchemaValidator` expects (it extends the base `Entity` schema).
 *
 * @public
 */
export const aiWorkflowEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'AIWorkflowV1alpha1',
  description:
    'A workflow: a directed acyclic graph of steps that run AI components.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [AI_WORKFLOW_API_VERSION] },
        kind: { enum: [AI_WORKFLOW_KIND] },
        spec: (({ $schema: _ignored, ...rest }) => rest)(
          workflowSpecJsonSchema,
        ),
      },
    },
  ],
};

/** @public */
export function isAIWorkflowEntity(
  entity: Entity,
): entity is AIWorkflowEntityV1alpha1 {
  return (
    entity.apiVersion === AI_WORKFLOW_API_VERSION &&
    entity.kind === AI_WORKFLOW_KIND
  );
}

import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** @public */
export const AI_OPS_API_VERSION = 'ai-ops.dev/v1alpha1';

/** @public */
export const AI_COMPONENT_KIND = 'AIComponent';

/**
 * The six first-class types of AI component.
 *
 * @public
 */
export const AI_COMPONENT_TYPES = [
  'model',
  'prompt',
  'tool',
  'agent',
  'dataset',
  'evaluator',
] as const;

/** @public */
export type AIComponentType = (typeof AI_COMPONENT_TYPES)[number];

/**
 * Price of one call of a component, in USD. Token prices are per 1000 tokens.
 *
 * @public
 */
export interface AIComponentPricing extends JsonObject {
  inputPer1kTokens?: number;
  outputPer1kTokens?: number;
  perCall?: number;
}

/**
 * An AI component as it appears in the catalog.
 *
 * @public
 */
export interface AIComponentEntityV1alpha1 extends Entity {
  apiVersion: typeof AI_OPS_API_VERSION;
  kind: typeof AI_COMPONENT_KIND;
  spec: {
    type: AIComponentType;
    owner: string;
    lifecycle: string;
    version: string;
    system?: string;
    runtime: { type: string; config?: JsonObject };
    inputSchema: JsonObject;
    outputSchema: JsonObject;
    dependsOn?: string[];
    pricing?: AIComponentPricing;
  };
}

const jsonSchemaObject = {
  type: 'object',
  description:
    'A JSON Schema (draft 2020-12 or 7) describing the value; `{}` accepts anything.',
} as const;

/**
 * JSON Schema of the `AIComponent` kind, in the form the catalog's
 * `entityKindSchemaValidator` expects (it extends the base `Entity` schema).
 *
 * @public
 */
export const aiComponentEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'AIComponentV1alpha1',
  description:
    'An AI component: a model, prompt, tool, agent, dataset or evaluator that workflows run as steps.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [AI_OPS_API_VERSION] },
        kind: { enum: [AI_COMPONENT_KIND] },
        spec: {
          type: 'object',
          required: [
            'type',
            'owner',
            'lifecycle',
            'version',
            'runtime',
            'inputSchema',
            'outputSchema',
          ],
          additionalProperties: false,
          properties: {
            type: { type: 'string', enum: [...AI_COMPONENT_TYPES] },
            owner: { type: 'string', minLength: 1 },
            lifecycle: { type: 'string', minLength: 1 },
            version: { type: 'string', minLength: 1 },
            system: { type: 'string', minLength: 1 },
            runtime: {
              type: 'object',
              required: ['type'],
              additionalProperties: false,
              properties: {
                type: {
                  type: 'string',
                  minLength: 1,
                  description:
                    'The runtime that calls the component, e.g. openai-chat, http, jsonata.',
                },
                config: { type: 'object' },
              },
            },
            inputSchema: jsonSchemaObject,
            outputSchema: jsonSchemaObject,
            dependsOn: {
              type: 'array',
              items: { type: 'string', minLength: 1 },
            },
            pricing: {
              type: 'object',
              additionalProperties: false,
              properties: {
                inputPer1kTokens: { type: 'number', minimum: 0 },
                outputPer1kTokens: { type: 'number', minimum: 0 },
                perCall: { type: 'number', minimum: 0 },
              },
            },
          },
        },
      },
    },
  ],
} as const;

/** @public */
export function isAIComponentEntity(
  entity: Entity,
): entity is AIComponentEntityV1alpha1 {
  return (
    entity.apiVersion === AI_OPS_API_VERSION &&
    entity.kind === AI_COMPONENT_KIND
  );
}

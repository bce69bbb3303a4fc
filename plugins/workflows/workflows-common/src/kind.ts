import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** @public */
export const AI_WORKFLOW_API_VERSION = 'ai-ops.dev/v1alpha1';

/** @public */
export const AI_WORKFLOW_KIND = 'AIWorkflow';

/**
 * Retry policy of a step; maps onto a Temporal retry policy.
 *
 * @public
 */
export interface WorkflowStepRetry extends JsonObject {
  maxAttempts?: number;
  initialInterval?: string;
  backoffCoefficient?: number;
  maxInterval?: string;
  nonRetryableErrorTypes?: string[];
}

/** @public */
export interface WorkflowStep extends JsonObject {
  id: string;
  /** Entity ref of an AIComponent, e.g. `aicomponent:default/gpt-4o-chat`. */
  component: string;
  /** Input mapping; string values may hold `${{ jsonata }}` expressions. */
  with?: JsonObject;
  needs?: string[];
  /** A `${{ jsonata }}` expression; the step is skipped when it is false. */
  if?: string;
  retry?: WorkflowStepRetry;
  /** A duration such as `30s`, `5m`, `1h`. */
  timeout?: string;
}

/** @public */
export interface AIWorkflowEntityV1alpha1 extends Entity {
  apiVersion: typeof AI_WORKFLOW_API_VERSION;
  kind: typeof AI_WORKFLOW_KIND;
  spec: {
    owner: string;
    lifecycle: string;
    system?: string;
    input?: JsonObject;
    steps: WorkflowStep[];
    output?: JsonObject;
  };
}

/** Durations as Temporal and the console accept them: `500ms`, `30s`, `5m`, `2h`, `1d`. */
const duration = {
  type: 'string',
  pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$',
} as const;

/** A whole-string `${{ ... }}` JSONata expression. */
const expression = {
  type: 'string',
  pattern: '^\\$\\{\\{[\\s\\S]+\\}\\}$',
} as const;

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
        spec: {
          type: 'object',
          required: ['owner', 'lifecycle', 'steps'],
          additionalProperties: false,
          properties: {
            owner: { type: 'string', minLength: 1 },
            lifecycle: { type: 'string', minLength: 1 },
            system: { type: 'string', minLength: 1 },
            input: { type: 'object' },
            output: { type: 'object' },
            steps: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['id', 'component'],
                additionalProperties: false,
                properties: {
                  id: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$' },
                  component: { type: 'string', minLength: 1 },
                  with: { type: 'object' },
                  needs: {
                    type: 'array',
                    items: { type: 'string', minLength: 1 },
                  },
                  if: expression,
                  retry: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      maxAttempts: { type: 'integer', minimum: 1 },
                      initialInterval: duration,
                      backoffCoefficient: { type: 'number', minimum: 1 },
                      maxInterval: duration,
                      nonRetryableErrorTypes: {
                        type: 'array',
                        items: { type: 'string' },
                      },
                    },
                  },
                  timeout: duration,
                },
              },
            },
          },
        },
      },
    },
  ],
} as const;

/** @public */
export function isAIWorkflowEntity(
  entity: Entity,
): entity is AIWorkflowEntityV1alpha1 {
  return (
    entity.apiVersion === AI_WORKFLOW_API_VERSION &&
    entity.kind === AI_WORKFLOW_KIND
  );
}

/**
 * Problems the JSON Schema cannot express: duplicate step ids and `needs`
 * naming steps that do not exist. Each message names the step and field.
 *
 * @public
 */
export function findWorkflowStructureErrors(
  steps: ReadonlyArray<Pick<WorkflowStep, 'id' | 'needs'>>,
): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  steps.forEach((step, index) => {
    if (ids.has(step.id)) {
      errors.push(`spec.steps[${index}].id: duplicate step id '${step.id}'`);
    }
    ids.add(step.id);
  });
  steps.forEach((step, index) => {
    (step.needs ?? []).forEach((need, needIndex) => {
      if (!ids.has(need)) {
        errors.push(
          `spec.steps[${index}].needs[${needIndex}]: step '${step.id}' needs unknown step '${need}'`,
        );
      }
    });
  });
  return errors;
}

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  assertValidJsonSchema,
  ComponentInvoker,
} from '@ai-ops/plugin-ai-components-node';
import { ComponentInput, ComponentType } from '../database/types';

/** The fields of a create or update request body, as the contract has them. */
export interface ComponentRequestBody {
  title?: string;
  description?: string;
  type: string;
  owner: string;
  lifecycle: string;
  tags?: string[];
  system?: string;
  version?: string;
  changeNote?: string;
  runtime: { type: string; config?: Record<string, unknown> };
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  pricing?: {
    inputPer1kTokens?: number;
    outputPer1kTokens?: number;
    perCall?: number;
  };
  dependsOn?: string[];
}

function normalizeRef(
  value: string,
  field: string,
  defaultKind: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(`${field}: '${value}' is not an entity ref`);
  }
}

/**
 * Checks what the OpenAPI schema cannot (JSON Schemas are valid JSON Schemas,
 * the runtime exists and its config matches the runtime's schema, refs parse)
 * and normalizes refs. Throws InputError naming the field.
 *
 * @internal
 */
export function toComponentInput(
  body: ComponentRequestBody,
  invoker: Pick<ComponentInvoker, 'validateRuntimeConfig'>,
): ComponentInput {
  assertValidJsonSchema(body.inputSchema, 'inputSchema');
  assertValidJsonSchema(body.outputSchema, 'outputSchema');
  const runtime = {
    type: body.runtime.type,
    config: (body.runtime.config ?? {}) as JsonObject,
  };
  invoker.validateRuntimeConfig(runtime);
  return {
    title: body.title,
    description: body.description,
    type: body.type as ComponentType,
    owner: normalizeRef(body.owner, 'owner', 'Group'),
    lifecycle: body.lifecycle,
    tags: [...new Set(body.tags ?? [])],
    system: body.system && normalizeRef(body.system, 'system', 'System'),
    version: body.version,
    changeNote: body.changeNote,
    spec: {
      runtime,
      inputSchema: body.inputSchema as JsonObject,
      outputSchema: body.outputSchema as JsonObject,
      ...(body.pricing ? { pricing: body.pricing } : {}),
      ...(body.dependsOn?.length
        ? {
            dependsOn: body.dependsOn.map((ref, i) =>
              normalizeRef(ref, `dependsOn[${i}]`, 'AIComponent'),
            ),
          }
        : {}),
    },
  };
}

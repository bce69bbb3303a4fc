import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { Component, ComponentInput, ComponentType } from '../database/types';

/**
 * Marks entities that the catalog got from this plugin (its entity
 * provider), so that the mirror of catalog-info.yaml components skips them.
 */
export const CONSOLE_LOCATION = 'ai-components:console';

/** An AIComponent entity for a component created in the console. @internal */
export function componentToEntity(component: Component): Entity {
  const { spec } = component;
  return {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIComponent',
    metadata: {
      name: component.name,
      namespace: component.namespace,
      ...(component.title ? { title: component.title } : {}),
      ...(component.description ? { description: component.description } : {}),
      tags: component.tags,
      annotations: {
        'backstage.io/managed-by-location': CONSOLE_LOCATION,
        'backstage.io/managed-by-origin-location': CONSOLE_LOCATION,
        'ai-ops.dev/revision': String(component.latestRevision),
      },
    },
    spec: {
      type: component.type,
      owner: component.owner,
      lifecycle: component.lifecycle,
      version: component.version,
      ...(component.system ? { system: component.system } : {}),
      runtime: {
        type: spec.runtime.type,
        config: spec.runtime.config ?? {},
      },
      inputSchema: spec.inputSchema,
      outputSchema: spec.outputSchema,
      ...(spec.pricing ? { pricing: spec.pricing } : {}),
      ...(spec.dependsOn ? { dependsOn: spec.dependsOn } : {}),
    },
  };
}

/** Where a catalog entity is defined, for the "managed in Git" link. */
export function entitySourceLocation(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const location =
    annotations['backstage.io/managed-by-location'] ??
    annotations['backstage.io/source-location'] ??
    annotations['backstage.io/managed-by-origin-location'];
  return location?.replace(/^(url|file):/, '');
}

/** Whether an entity came from this plugin's entity provider. */
export const isConsoleEntity = (entity: Entity) =>
  entity.metadata.annotations?.['backstage.io/managed-by-location'] ===
  CONSOLE_LOCATION;

/** The registry's view of an AIComponent entity from catalog-info.yaml. */
export function entityToInput(entity: Entity): ComponentInput {
  const spec = entity.spec as JsonObject & {
    type: ComponentType;
    owner: string;
    lifecycle: string;
    version: string;
    system?: string;
    runtime: { type: string; config?: JsonObject };
    inputSchema: JsonObject;
    outputSchema: JsonObject;
    pricing?: ComponentInput['spec']['pricing'];
    dependsOn?: string[];
  };
  const ownedBy = entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;
  return {
    title: entity.metadata.title,
    description: entity.metadata.description,
    type: spec.type,
    owner: (ownedBy ?? spec.owner).toLocaleLowerCase('en-US'),
    lifecycle: spec.lifecycle,
    tags: entity.metadata.tags ?? [],
    system: entity.relations?.find(r => r.type === 'partOf')?.targetRef,
    version: spec.version,
    spec: {
      runtime: { type: spec.runtime.type, config: spec.runtime.config ?? {} },
      inputSchema: spec.inputSchema,
      outputSchema: spec.outputSchema,
      ...(spec.pricing ? { pricing: spec.pricing } : {}),
      ...(spec.dependsOn ? { dependsOn: spec.dependsOn } : {}),
    },
  };
}

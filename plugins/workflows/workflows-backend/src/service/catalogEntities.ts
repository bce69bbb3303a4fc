import { Entity } from '@backstage/catalog-model';
import {
  AI_WORKFLOW_API_VERSION,
  AI_WORKFLOW_KIND,
  WorkflowDocument,
} from '@ai-ops/plugin-workflows-common';
import { Workflow } from '../database/types';

/**
 * Marks entities that the catalog got from this plugin (through the catalog
 * module's entity provider), so that the mirror of catalog-info.yaml
 * workflows skips them.
 */
export const CONSOLE_LOCATION = 'workflows:console';

/** Annotations the catalog sets itself; they are not part of a definition. */
const CATALOG_ANNOTATION = /^backstage\.io\//;

/** An AIWorkflow entity for a workflow created in the console. @internal */
export function workflowToEntity(workflow: Workflow): Entity {
  const { metadata, spec } = workflow.document;
  return {
    apiVersion: AI_WORKFLOW_API_VERSION,
    kind: AI_WORKFLOW_KIND,
    metadata: {
      ...metadata,
      name: workflow.name,
      namespace: workflow.namespace,
      annotations: {
        ...metadata.annotations,
        'backstage.io/managed-by-location': CONSOLE_LOCATION,
        'backstage.io/managed-by-origin-location': CONSOLE_LOCATION,
        'ai-ops.dev/revision': String(workflow.latestVersion),
      },
    },
    spec: spec as unknown as Entity['spec'],
  };
}

/** Where a catalog entity is defined, for the "managed in Git" message. */
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

/**
 * The workflow document of an AIWorkflow entity from a catalog-info.yaml:
 * the definition's metadata (without what the catalog adds: uid, etag,
 * location annotations) and its spec. Not yet validated.
 */
export function entityToDocument(entity: Entity): unknown {
  const {
    uid: _uid,
    etag: _etag,
    generation: _generation,
    annotations,
    ...metadata
  } = entity.metadata as Entity['metadata'] & { generation?: number };
  const own = Object.fromEntries(
    Object.entries(annotations ?? {}).filter(
      ([name]) => !CATALOG_ANNOTATION.test(name),
    ),
  );
  const ownedBy = entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;
  const partOf = entity.relations?.find(r => r.type === 'partOf')?.targetRef;
  const spec = (entity.spec ?? {}) as WorkflowDocument['spec'];
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      ...metadata,
      namespace: metadata.namespace ?? 'default',
      ...(Object.keys(own).length ? { annotations: own } : {}),
    },
    spec: {
      ...spec,
      ...(ownedBy && spec.owner ? { owner: ownedBy } : {}),
      ...(partOf && spec.system ? { system: partOf } : {}),
    },
  };
}

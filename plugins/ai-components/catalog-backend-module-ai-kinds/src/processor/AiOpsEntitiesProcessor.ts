import {
  Entity,
  entityKindSchemaValidator,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  AI_COMPONENT_KIND,
  AI_OPS_API_VERSION,
  aiComponentEntityV1alpha1Schema,
  isAIComponentEntity,
} from '@ai-ops/plugin-ai-components-common';
import {
  aiWorkflowEntityV1alpha1Schema,
  AI_WORKFLOW_KIND,
  referencedRefs,
  validateWorkflowDocument,
  isAIWorkflowEntity,
} from '@ai-ops/plugin-workflows-common';

type KindValidator = (entity: Entity) => Entity | false;

type EntityLink = NonNullable<Entity['metadata']['links']>[number];

/**
 * The console's pages of an AI entity, as `metadata.links` (the catalog's
 * entity page shows them in its links card): the component's or
 * workflow's page, and its runs and metrics. The paths are where the app
 * mounts the console's pages by default.
 */
export function consoleLinks(appBaseUrl: string, entity: Entity): EntityLink[] {
  const base = appBaseUrl.replace(/\/+$/, '');
  const { namespace, name } = getCompoundEntityRef(entity);
  const key = `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  if (isAIComponentEntity(entity)) {
    return [
      {
        url: `${base}/ai-components/${key}`,
        title: 'Open in the AI Ops Console',
        icon: 'dashboard',
      },
      {
        url: `${base}/executions/metrics/components/${key}`,
        title: 'Calls, latency and cost',
        icon: 'dashboard',
      },
    ];
  }
  if (isAIWorkflowEntity(entity)) {
    const ref = `aiworkflow:${namespace}/${name}`;
    return [
      {
        url: `${base}/workflows/${key}`,
        title: 'Open in the AI Ops Console',
        icon: 'dashboard',
      },
      {
        url: `${base}/executions?workflow=${encodeURIComponent(ref)}`,
        title: 'Runs',
        icon: 'dashboard',
      },
      {
        url: `${base}/executions/metrics/workflows/${key}`,
        title: 'Duration, success rate and cost',
        icon: 'dashboard',
      },
    ];
  }
  return [];
}

/**
 * Validates `AIComponent` and `AIWorkflow` entities (apiVersion
 * `ai-ops.dev/v1alpha1`) against the JSON Schemas of the `-common` packages,
 * links them to their pages in the console and emits their ownership,
 * system and dependency relations.
 *
 * A schema violation throws from `validateEntityKind`: the catalog records a
 * processing error naming the field and keeps the entity out.
 *
 * @public
 */
export class AiOpsEntitiesProcessor implements CatalogProcessor {
  /**
   * @param options - `appBaseUrl` (the app's `app.baseUrl`): when given,
   *   every AI entity gets links to its pages in the console.
   */
  constructor(private readonly options: { appBaseUrl?: string } = {}) {}

  private readonly validators: KindValidator[] = [
    entityKindSchemaValidator(aiComponentEntityV1alpha1Schema),
    entityKindSchemaValidator(aiWorkflowEntityV1alpha1Schema),
  ];

  getProcessorName(): string {
    return 'AiOpsEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion !== AI_OPS_API_VERSION) {
      return false;
    }
    for (const validate of this.validators) {
      if (validate(entity)) {
        if (isAIWorkflowEntity(entity)) {
          // The graph and expression checks; component refs are left to
          // the catalog's relations, which show a missing target.
          const { issues } = validateWorkflowDocument(entity);
          const errors = issues.filter(i => i.severity === 'error');
          if (errors.length) {
            throw new TypeError(errors.map(e => e.message).join('; '));
          }
        }
        return true;
      }
    }
    return false;
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    const { appBaseUrl } = this.options;
    if (!appBaseUrl || entity.apiVersion !== AI_OPS_API_VERSION) {
      return entity;
    }
    const own = entity.metadata.links ?? [];
    const added = consoleLinks(appBaseUrl, entity).filter(
      link => !own.some(existing => existing.url === link.url),
    );
    if (added.length === 0) return entity;
    return {
      ...entity,
      metadata: { ...entity.metadata, links: [...own, ...added] },
    };
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.apiVersion !== AI_OPS_API_VERSION) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const relate = (
      targetRef: string,
      defaultKind: string,
      outgoing: string,
      incoming: string,
    ) => {
      const target = parseEntityRef(targetRef, {
        defaultKind,
        defaultNamespace: namespace,
      });
      emit(processingResult.relation({ source: self, type: outgoing, target }));
      emit(
        processingResult.relation({
          source: target,
          type: incoming,
          target: self,
        }),
      );
    };

    if (isAIComponentEntity(entity) || isAIWorkflowEntity(entity)) {
      relate(entity.spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
      if (entity.spec.system) {
        relate(
          entity.spec.system,
          'System',
          RELATION_PART_OF,
          RELATION_HAS_PART,
        );
      }
    }
    if (isAIComponentEntity(entity)) {
      for (const ref of entity.spec.dependsOn ?? []) {
        relate(
          ref,
          AI_COMPONENT_KIND,
          RELATION_DEPENDS_ON,
          RELATION_DEPENDENCY_OF,
        );
      }
    }
    if (isAIWorkflowEntity(entity)) {
      const { components, workflows } = referencedRefs(entity);
      for (const ref of components) {
        relate(
          ref,
          AI_COMPONENT_KIND,
          RELATION_DEPENDS_ON,
          RELATION_DEPENDENCY_OF,
        );
      }
      for (const ref of workflows) {
        relate(
          ref,
          AI_WORKFLOW_KIND,
          RELATION_DEPENDS_ON,
          RELATION_DEPENDENCY_OF,
        );
      }
    }
    return entity;
  }
}

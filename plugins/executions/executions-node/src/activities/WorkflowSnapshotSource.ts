import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import {
  versionForRun,
  WorkflowDocument,
  WorkflowsClient,
} from '@ai-ops/plugin-workflows-common';
import { fetchWithToken, serviceToken } from './ComponentInvocationClient';
import { parseEntityKey, parseWorkflowPin, stringifyEntityKey } from './refs';

/**
 * Freezes the version of a workflow a (child) run executes.
 *
 * @public
 */
export interface WorkflowSnapshotSource {
  /**
   * `ref` (the `production` label, else the newest version), `ref@label` or
   * `ref@v3`, with the document normalized and every component's latest
   * revision pinned. Throws a NotFoundError for an unknown workflow, label
   * or version.
   */
  resolve(ref: string): Promise<WorkflowSnapshot>;
}

/** Full, lower-case refs of a step's component or sub-workflow (keeping a `@pin`). */
function normalizeStepRef(ref: string, kind: string): string {
  const at = ref.lastIndexOf('@');
  const pin = kind === 'aiworkflow' && at >= 0 ? ref.slice(at) : '';
  const base = pin ? ref.slice(0, at) : ref;
  try {
    return `${stringifyEntityKey(parseEntityKey(base, kind))}${pin}`;
  } catch {
    return ref;
  }
}

/**
 * The document as runs see it: namespace spelled out and step refs in full
 * lower-case form, as the workflows API stores them (documents saved before
 * that normalization existed get it here).
 *
 * @public
 */
export function normalizeWorkflowDocument(
  document: WorkflowDocument,
  namespace: string,
): WorkflowDocument {
  return {
    ...document,
    metadata: { ...document.metadata, namespace },
    spec: {
      ...document.spec,
      steps: document.spec.steps.map(step => ({
        ...step,
        ...(step.component
          ? { component: normalizeStepRef(step.component, 'aicomponent') }
          : {}),
        ...(step.workflow
          ? { workflow: normalizeStepRef(step.workflow, 'aiworkflow') }
          : {}),
      })),
    },
  };
}

const statusOf = (error: unknown) =>
  (error as { statusCode?: number } | undefined)?.statusCode;

/**
 * The {@link WorkflowSnapshotSource} over the workflows API (`GET
 * /workflows/{ns}/{name}` and `/versions/{v}`) and the ai-components API
 * (`GET /components/{ns}/{name}` for the latest revision), with service
 * tokens of the worker.
 *
 * @public
 */
export function createWorkflowSnapshotSource(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
}): WorkflowSnapshotSource {
  const { discovery, auth } = options;

  async function pinRevisions(
    document: WorkflowDocument,
  ): Promise<Record<string, number>> {
    const refs = [
      ...new Set(
        document.spec.steps
          .map(step => step.component)
          .filter((ref): ref is string => !!ref),
      ),
    ];
    if (refs.length === 0) return {};
    const components = new AiComponentsClient({
      getBaseUrl: () => discovery.getBaseUrl('ai-components'),
      fetch: fetchWithToken(
        await serviceToken(auth, 'ai-components'),
        undefined,
        options.fetch,
      ),
    });
    const pinned: Record<string, number> = {};
    for (const ref of refs) {
      const { namespace, name } = parseEntityKey(ref, 'aicomponent');
      try {
        const component = await components.getComponent({ namespace, name });
        pinned[ref] = component.latestRevision;
      } catch (error) {
        if (statusOf(error) === 404) {
          throw new NotFoundError(`Component '${ref}' does not exist`);
        }
        throw error;
      }
    }
    return pinned;
  }

  return {
    async resolve(ref) {
      const { key, version: pinnedVersion, label } = parseWorkflowPin(ref);
      const workflowRef = stringifyEntityKey(key);
      const workflows = new WorkflowsClient({
        getBaseUrl: () => discovery.getBaseUrl('workflows'),
        fetch: fetchWithToken(
          await serviceToken(auth, 'workflows'),
          undefined,
          options.fetch,
        ),
      });
      const path = { namespace: key.namespace, name: key.name };
      const notFound = (what: string) => (error: unknown) => {
        throw statusOf(error) === 404 ? new NotFoundError(what) : error;
      };
      const workflow = await workflows
        .getWorkflow(path)
        .catch(notFound(`Workflow '${workflowRef}' does not exist`));
      const chosen = versionForRun(workflow, { version: pinnedVersion, label });
      if (!chosen) {
        throw new NotFoundError(
          `Workflow '${workflowRef}' has no label '${label}'`,
        );
      }
      const { version } = chosen;
      const stored = await workflows
        .getVersion(path, version)
        .catch(notFound(`Workflow '${workflowRef}' has no version ${version}`));
      const document = normalizeWorkflowDocument(
        stored.document as unknown as WorkflowDocument,
        key.namespace,
      );
      return {
        workflowRef,
        version,
        document,
        componentRevisions: await pinRevisions(document),
      };
    },
  };
}

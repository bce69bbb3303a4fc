import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  referencedRefs,
  validateWorkflowDocument,
  WorkflowValidationResult,
} from '@ai-ops/plugin-workflows-common';
import { WorkflowKey, WorkflowStore } from '../database/types';
import { ComponentResolver } from './componentResolver';
import { keyOfRaw, withEntityRefIssues } from './documentInput';
import { workflowRef } from './representation';

/** The namespace and name of an AIWorkflow ref, or undefined. */
function parseWorkflowRef(ref: string): WorkflowKey | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'aiworkflow',
      defaultNamespace: 'default',
    });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'aiworkflow') {
      return undefined;
    }
    return { namespace: parsed.namespace, name: parsed.name };
  } catch {
    return undefined;
  }
}

const sameKey = (a: WorkflowKey, b: WorkflowKey) =>
  a.namespace === b.namespace && a.name === b.name;

/**
 * Validates documents the way a save does: component refs are resolved in
 * the ai-components registry and sub-workflow refs in the store, both as the
 * caller, so that what the caller may not read counts as unknown.
 *
 * @internal
 */
export class DocumentValidator {
  constructor(
    private readonly options: {
      components: ComponentResolver;
      store: WorkflowStore;
      /** For each key, whether the caller may read that workflow. */
      canRead(
        credentials: BackstageCredentials,
        keys: WorkflowKey[],
      ): Promise<boolean[]>;
    },
  ) {}

  async validate(
    raw: unknown,
    credentials: BackstageCredentials,
  ): Promise<WorkflowValidationResult> {
    const self = keyOfRaw(raw);
    const refs = referencedRefs(raw);
    const [components, resolved] = await Promise.all([
      this.options.components.resolve(refs.components, credentials),
      this.resolveWorkflows(refs.workflows, credentials, self),
    ]);
    const result = validateWorkflowDocument(raw, {
      components,
      workflows: resolved.workflows,
      selfRef: resolved.selfRef ?? (self && workflowRef(self)),
    });
    return withEntityRefIssues(raw, result);
  }

  /**
   * The sub-workflows the caller may read, keyed by the ref as written. A
   * ref to the workflow itself is left out and returned as `selfRef`, in
   * whatever form it is written, so the validator reports the self-call.
   */
  private async resolveWorkflows(
    refs: string[],
    credentials: BackstageCredentials,
    self: WorkflowKey | undefined,
  ) {
    const workflows = new Map<
      string,
      { inputSchema?: Record<string, unknown> }
    >();
    let selfRef: string | undefined;
    const wanted: Array<{ ref: string; key: WorkflowKey }> = [];
    for (const ref of refs) {
      const key = parseWorkflowRef(ref);
      if (!key) continue;
      if (self && sameKey(key, self)) {
        selfRef = ref;
      } else {
        wanted.push({ ref, key });
      }
    }
    const readable = await this.options.canRead(
      credentials,
      wanted.map(w => w.key),
    );
    await Promise.all(
      wanted.map(async ({ ref, key }, i) => {
        if (!readable[i]) return;
        const workflow = await this.options.store.get(key);
        if (workflow) {
          workflows.set(ref, { inputSchema: workflow.document.spec.input });
        }
      }),
    );
    return { workflows, selfRef };
  }
}

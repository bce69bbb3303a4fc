import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import { validateAgainstSchema } from '@ai-ops/plugin-ai-components-node';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import {
  versionForRun,
  WorkflowDocument,
  WorkflowsClient,
} from '@ai-ops/plugin-workflows-common';
import { LRUCache } from 'lru-cache';
import { parseWorkflowRef, WorkflowKey, workflowRefOf } from './refs';

/** Which version of which workflow a run executes. */
export interface WorkflowSelection {
  /** `aiworkflow:default/x`, `default/x` or `x`. */
  workflow: string;
  version?: number;
  label?: string;
}

/** A workflow version, frozen for a run. */
export interface ResolvedWorkflow {
  snapshot: WorkflowSnapshot;
  /** The label the version was chosen by, when it was. */
  label?: string;
  /** Owner of the workflow now. */
  owner: string;
}

/**
 * Resolves the version a run executes and freezes it, as the caller: the
 * workflows and ai-components APIs apply the caller's permissions.
 *
 * @internal
 */
export interface WorkflowResolver {
  /**
   * The version by number, label or the default (the `production` label,
   * else the newest), validated against today's registry (a 400 when a
   * component it uses is gone), with component revisions pinned. 404 for an
   * unknown workflow, label or version.
   */
  resolve(
    selection: WorkflowSelection,
    credentials: BackstageCredentials,
  ): Promise<ResolvedWorkflow>;
}

/** The step ids of a document. */
export const stepIdsOf = (document: WorkflowDocument) =>
  document.spec.steps.map(s => s.id);

/**
 * Validates a run's input against the document's `spec.input` JSON Schema;
 * a 400 naming every offending field (`input/text must be string`).
 */
export function assertValidInput(
  document: WorkflowDocument,
  input: unknown,
  field = 'input',
): void {
  const schema = document.spec.input;
  if (!schema) return;
  let result;
  try {
    result = validateAgainstSchema(schema, input);
  } catch (error) {
    throw new InputError(
      `${field}: the workflow's spec.input is not a valid JSON Schema (${
        (error as Error).message
      })`,
    );
  }
  if (!result.valid) {
    const errors = result.errors.map(e =>
      e.startsWith('(root) ') ? `${field} ${e.slice(7)}` : `${field}${e}`,
    );
    throw new InputError(`Invalid input: ${errors.join('; ')}`);
  }
}

/** Turns an error of another plugin's API into one this API answers with. */
function upstreamError(
  error: unknown,
  what: string,
  notFound: () => Error,
): Error {
  if (error instanceof ResponseError) {
    const status = error.statusCode;
    if (status === 404) return notFound();
    if (status === 401 || status === 403) {
      return new NotAllowedError(`${what}: ${error.body.error.message}`);
    }
    if (status === 400) {
      return new InputError(`${what}: ${error.body.error.message}`);
    }
  }
  return new ServiceUnavailableError(
    `${what} failed: ${(error as Error).message}`,
  );
}

/** Validated versions kept; the least recently used goes first. */
const MAX_VALIDATED_VERSIONS = 500;

/**
 * How long a validated version is reused while its components are
 * unchanged. Only what the per-start component check does not see can be
 * this stale: a sub-workflow a step names being deleted (the child run then
 * fails its step when it resolves the sub-workflow).
 */
export const VALIDATED_VERSION_TTL_MS = 30_000;

/** Whether two pinnings name the same revisions. */
const sameRevisions = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([ref, revision]) => b[ref] === revision);

/** The revisions a run pins, and the components that are gone. */
interface PinnedRevisions {
  revisions: Record<string, number>;
  missing: string[];
}

/** A version that passed validation, and the component revisions it was validated with. */
interface ValidatedVersion {
  document: WorkflowDocument;
  revisions: Record<string, number>;
  at: number;
}

/**
 * The {@link WorkflowResolver} over the workflows and ai-components APIs,
 * with tokens issued on behalf of the caller.
 *
 * Every start reads the workflow (labels, owner, the caller's access) and
 * each component the version uses (existence, the caller's access, the
 * latest revision, which the run pins): one pass over the components. A
 * version's validation by the workflows API (schemas, refs, expressions,
 * schema compatibility between steps) is reused while the components still
 * have the revisions it was validated with, for up to
 * {@link VALIDATED_VERSION_TTL_MS}; a deleted component or a new revision
 * is seen by the next start. While a selection's last version is reused, its
 * components are read at the same time as the workflow (one round trip's
 * wait instead of two); what is used is still read by this start.
 *
 * @internal
 */
export class ApiWorkflowResolver implements WorkflowResolver {
  private readonly validated = new LRUCache<string, ValidatedVersion>({
    max: MAX_VALIDATED_VERSIONS,
  });
  /** The version (`ref@number`) each selection (ref, version, label) chose last. */
  private readonly chosen = new LRUCache<string, string>({
    max: MAX_VALIDATED_VERSIONS,
  });

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
      /** Defaults to Date.now (tests move time). */
      now?: () => number;
    },
  ) {}

  private async fetchAs(
    credentials: BackstageCredentials,
    targetPluginId: string,
  ) {
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId,
    });
    const doFetch = this.options.fetch ?? fetch;
    return (url: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      // Plugin to plugin, usually in the same process: compressing the
      // answer costs both ends more than it saves.
      headers.set('accept-encoding', 'identity');
      return doFetch(url, { ...init, headers });
    };
  }

  async resolve(
    selection: WorkflowSelection,
    credentials: BackstageCredentials,
  ): Promise<ResolvedWorkflow> {
    const key = parseWorkflowRef(selection.workflow, 'workflow');
    const ref = workflowRefOf(key);
    if (selection.version !== undefined && selection.label !== undefined) {
      throw new InputError('version: give either version or label, not both');
    }
    const { discovery } = this.options;
    const workflows = new WorkflowsClient({
      getBaseUrl: () => discovery.getBaseUrl('workflows'),
      fetch: await this.fetchAs(credentials, 'workflows'),
    });

    // The version this selection chose last time, when its validation is
    // still reused: its components are read beside the workflow instead of
    // after it, and used when the workflow still chooses that version.
    const selectionKey = `${ref}|${selection.version ?? ''}|${
      selection.label ?? ''
    }`;
    const guessKey = this.chosen.get(selectionKey);
    const guess = guessKey ? this.freshValidated(guessKey) : undefined;
    const early = guess
      ? this.pinRevisions(guess.document, credentials)
      : undefined;
    // Not awaited when the workflow's read fails or chooses another version.
    early?.catch(() => undefined);

    const workflow = await workflows
      .getWorkflow(key)
      .catch(error =>
        Promise.reject(
          upstreamError(
            error,
            `Reading '${ref}'`,
            () => new NotFoundError(`workflow: no workflow '${ref}'`),
          ),
        ),
      );
    const chosen = versionForRun(workflow, selection);
    if (!chosen) {
      throw new NotFoundError(
        `label: '${ref}' has no label '${selection.label}'`,
      );
    }
    const { version: number, label } = chosen;

    const cacheKey = `${ref}@${number}`;
    this.chosen.set(selectionKey, cacheKey);
    const now = (this.options.now ?? Date.now)();
    const cached = this.freshValidated(cacheKey);

    let document: WorkflowDocument;
    let pinned: PinnedRevisions;
    if (cached) {
      document = cached.document;
      pinned =
        early && guess === cached
          ? await early
          : await this.pinRevisions(document, credentials);
    } else {
      const version = await workflows
        .getVersion(key, number)
        .catch(error =>
          Promise.reject(
            upstreamError(
              error,
              `Reading version ${number} of '${ref}'`,
              () =>
                new NotFoundError(`version: '${ref}' has no version ${number}`),
            ),
          ),
        );
      document = version.document as unknown as WorkflowDocument;
      pinned = await this.pinRevisions(document, credentials);
    }
    const { revisions, missing } = pinned;

    if (missing.length > 0) {
      this.validated.delete(cacheKey);
      // The validation names every problem, the missing components among them.
      await this.validate(workflows, ref, number, document);
      throw new InputError(
        `workflow: version ${number} of '${ref}' cannot run: ${missing
          .map(c => `component '${c}' is not in the registry`)
          .join('; ')}`,
      );
    }
    if (!cached || !sameRevisions(cached.revisions, revisions)) {
      await this.validate(workflows, ref, number, document);
      this.validated.set(cacheKey, { document, revisions, at: now });
    }

    return {
      snapshot: {
        workflowRef: ref,
        version: number,
        document,
        componentRevisions: revisions,
      },
      label,
      owner: workflow.owner,
    };
  }

  /** Components may have been deleted, hidden or changed since the version was saved. */
  private async validate(
    workflows: WorkflowsClient,
    ref: string,
    number: number,
    document: WorkflowDocument,
  ): Promise<void> {
    const validation = await workflows
      .validate({
        document: document as unknown as Parameters<
          WorkflowsClient['validate']
        >[0]['document'],
      })
      .catch(error =>
        Promise.reject(
          upstreamError(
            error,
            `Validating version ${number} of '${ref}'`,
            () => new NotFoundError(`workflow: no workflow '${ref}'`),
          ),
        ),
      );
    const errors = validation.issues.filter(i => i.severity === 'error');
    if (!validation.valid || errors.length) {
      throw new InputError(
        `workflow: version ${number} of '${ref}' cannot run: ${errors
          .map(e => e.message)
          .join('; ')}`,
      );
    }
  }

  /** The validated version under `cacheKey` unless it is too old (then forgotten). */
  private freshValidated(cacheKey: string): ValidatedVersion | undefined {
    const cached = this.validated.get(cacheKey);
    if (!cached) return undefined;
    if (
      (this.options.now ?? Date.now)() - cached.at >
      VALIDATED_VERSION_TTL_MS
    ) {
      this.validated.delete(cacheKey);
      return undefined;
    }
    return cached;
  }

  /**
   * Component ref (as the document has it) -> the registry's latest
   * revision, read as the caller; and the components that are gone (or
   * hidden from the caller).
   */
  private async pinRevisions(
    document: WorkflowDocument,
    credentials: BackstageCredentials,
  ): Promise<PinnedRevisions> {
    const refs = [
      ...new Set(
        document.spec.steps
          .map(s => s.component)
          .filter((c): c is string => typeof c === 'string' && !!c),
      ),
    ];
    const revisions: Record<string, number> = {};
    const missing: string[] = [];
    if (!refs.length) return { revisions, missing };
    const { discovery } = this.options;
    const components = new AiComponentsClient({
      getBaseUrl: () => discovery.getBaseUrl('ai-components'),
      fetch: await this.fetchAs(credentials, 'ai-components'),
    });
    await Promise.all(
      refs.map(async ref => {
        const key = componentKey(ref);
        try {
          const component = await components.getComponent(key);
          revisions[ref] = component.latestRevision;
        } catch (error) {
          if (error instanceof ResponseError && error.statusCode === 404) {
            missing.push(ref);
            return;
          }
          throw upstreamError(
            error,
            `Reading component '${ref}'`,
            () =>
              new InputError(
                `workflow: component '${ref}' is not in the registry`,
              ),
          );
        }
      }),
    );
    return { revisions, missing: missing.sort() };
  }
}

/** Namespace and name of a component ref (`aicomponent:ns/name`, `ns/name` or `name`). */
function componentKey(ref: string): WorkflowKey {
  const match = /^(?:[a-z]+:)?(?:([^/:]+)\/)?([^/:]+)$/i.exec(ref);
  return {
    namespace: (match?.[1] ?? 'default').toLocaleLowerCase('en-US'),
    name: (match?.[2] ?? ref).toLocaleLowerCase('en-US'),
  };
}

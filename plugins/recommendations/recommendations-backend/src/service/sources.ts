import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import { WorkflowsClient } from '@ai-ops/plugin-workflows-common';
import { ExecutionsClient } from '@ai-ops/plugin-executions-common';

/** The fields of a component that are indexed and ranked on. @internal */
export interface ComponentRecord {
  ref: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  type: string;
  owner?: string;
  tags: string[];
  runtimeType?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  /** The source's change stamp; a change means the details are re-read. */
  stamp: string;
}

/** One step of a workflow definition, as far as recommendations care. @internal */
export interface StepRecord {
  id: string;
  name?: string;
  description?: string;
  component?: string;
  needs: string[];
}

/** @internal */
export interface WorkflowRecord {
  ref: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  tags: string[];
  steps: StepRecord[];
  stamp: string;
}

/** A summary: enough to tell whether the details changed. @internal */
export interface Listed {
  namespace: string;
  name: string;
  ref: string;
  stamp: string;
}

/** One succeeded run: its steps' components, costs, latencies and outputs. @internal */
/** A run as the runs list gives it. @internal */
export interface RunSummary {
  id: string;
  workflowRef: string;
  workflowVersion: number;
}

export interface RunRecord {
  id: string;
  workflowRef: string;
  steps: Array<{
    stepId: string;
    componentRef?: string;
    status: string;
    costUsd: number;
    latencyMs?: number;
    output?: unknown;
  }>;
  /** The definition's steps at the run's version. */
  definition: StepRecord[];
}

/**
 * Where the index reads from: the ai-components, workflows and executions
 * APIs. Entities registered by catalog-info.yaml are mirrored into those
 * APIs, so they are indexed like any other.
 *
 * @internal
 */
export interface RecommendationSources {
  listComponents(): Promise<Listed[]>;
  /**
   * A cheap answer that changes whenever a component is created, updated or
   * deleted (such as the count with the newest change stamp); while it stays
   * the same a sync reuses its last listing. Optional: without it every sync
   * lists every component.
   */
  componentsVersion?(): Promise<string>;
  getComponent(listed: Listed): Promise<ComponentRecord>;
  listWorkflows(): Promise<Listed[]>;
  getWorkflow(listed: Listed): Promise<WorkflowRecord>;
  /** The newest succeeded runs, newest first. */
  listSucceededRuns(max: number): Promise<RunSummary[]>;
  /** A listed run with its steps and its version's definition. */
  getRun(run: RunSummary): Promise<RunRecord>;
}

/** Reads `spec.steps` from a workflow document, tolerating partial ones. @internal */
export function stepsOf(document: unknown): StepRecord[] {
  const spec = (document as { spec?: { steps?: unknown } } | undefined)?.spec;
  const steps = Array.isArray(spec?.steps) ? spec!.steps : [];
  return steps.flatMap(raw => {
    const step = raw as Record<string, unknown>;
    if (typeof step?.id !== 'string') return [];
    return [
      {
        id: step.id,
        name: typeof step.name === 'string' ? step.name : undefined,
        description:
          typeof step.description === 'string' ? step.description : undefined,
        component:
          typeof step.component === 'string' ? step.component : undefined,
        needs: Array.isArray(step.needs)
          ? step.needs.filter((n): n is string => typeof n === 'string')
          : [],
      },
    ];
  });
}

const PAGE = 200;

/**
 * Reads the capabilities' APIs with this plugin's own service credentials,
 * so every entity is indexed; results are filtered by the caller's read
 * permissions when they are served.
 *
 * @internal
 */
export class ApiRecommendationSources implements RecommendationSources {
  private readonly components: AiComponentsClient;
  private readonly workflows: WorkflowsClient;
  private readonly executions: ExecutionsClient;
  private readonly versionSteps = new Map<string, StepRecord[]>();

  constructor(deps: { discovery: DiscoveryService; auth: AuthService }) {
    const client = (pluginId: string) => ({
      getBaseUrl: () => deps.discovery.getBaseUrl(pluginId),
      fetch: async (url: string, init?: RequestInit) => {
        const { token } = await deps.auth.getPluginRequestToken({
          onBehalfOf: await deps.auth.getOwnServiceCredentials(),
          targetPluginId: pluginId,
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(url, { ...init, headers });
      },
    });
    this.components = new AiComponentsClient(client('ai-components'));
    this.workflows = new WorkflowsClient(client('workflows'));
    this.executions = new ExecutionsClient(client('executions'));
  }

  async listComponents(): Promise<Listed[]> {
    const listed: Listed[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.components.listComponents({
        limit: PAGE,
        cursor,
        sort: 'name',
      });
      for (const c of page.items) {
        listed.push({
          namespace: c.namespace,
          name: c.name,
          ref: c.ref,
          stamp: `${c.updatedAt}#${c.latestRevision}`,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return listed;
  }

  /**
   * The count and the most recently changed component (one row, newest
   * `updatedAt` first): a create or an update moves the newest stamp, a
   * delete the count.
   */
  async componentsVersion(): Promise<string> {
    const page = await this.components.listComponents({
      limit: 1,
      sort: 'updatedAt',
      order: 'desc',
    });
    const newest = page.items[0];
    return `${page.totalItems}|${newest?.ref ?? ''}|${
      newest?.updatedAt ?? ''
    }#${newest?.latestRevision ?? ''}`;
  }

  async getComponent(listed: Listed): Promise<ComponentRecord> {
    const c = await this.components.getComponent(listed);
    return {
      ref: c.ref,
      namespace: c.namespace,
      name: c.name,
      title: c.title,
      description: c.description,
      type: c.type,
      owner: c.owner,
      tags: c.tags,
      runtimeType: c.runtimeType ?? c.spec.runtime?.type,
      inputSchema: c.spec.inputSchema,
      outputSchema: c.spec.outputSchema,
      stamp: listed.stamp,
    };
  }

  async listWorkflows(): Promise<Listed[]> {
    const listed: Listed[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.workflows.listWorkflows({ limit: PAGE, cursor });
      for (const w of page.items) {
        listed.push({
          namespace: w.namespace,
          name: w.name,
          ref: w.ref,
          stamp: `${w.updatedAt}#${w.latestVersion}`,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return listed;
  }

  async getWorkflow(listed: Listed): Promise<WorkflowRecord> {
    const w = await this.workflows.getWorkflow(listed);
    return {
      ref: w.ref,
      namespace: w.namespace,
      name: w.name,
      title: w.title,
      description: w.description,
      owner: w.owner,
      tags: w.tags,
      steps: stepsOf(w.document),
      stamp: listed.stamp,
    };
  }

  async listSucceededRuns(max: number): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.executions.listExecutions({
        status: ['succeeded'],
        limit: Math.min(PAGE, max - runs.length),
        cursor,
      });
      runs.push(
        ...page.items.map(e => ({
          id: e.id,
          workflowRef: e.workflowRef,
          workflowVersion: e.workflowVersion,
        })),
      );
      cursor = page.nextCursor;
    } while (cursor && runs.length < max);
    return runs;
  }

  /** The list gave the run's workflow: one call for its steps. */
  async getRun(execution: RunSummary): Promise<RunRecord> {
    const { id } = execution;
    const steps = await this.executions.listSteps(id);
    const key = `${execution.workflowRef}@${execution.workflowVersion}`;
    let definition = this.versionSteps.get(key);
    if (!definition) {
      const [namespace, name] = execution.workflowRef
        .replace(/^[^:]+:/, '')
        .split('/');
      const version = await this.workflows.getVersion(
        { namespace, name },
        execution.workflowVersion,
      );
      definition = stepsOf(version.document);
      this.versionSteps.set(key, definition);
    }
    return {
      id,
      workflowRef: execution.workflowRef,
      steps: steps.map(s => ({
        stepId: s.stepId,
        componentRef: s.componentRef,
        status: s.status,
        costUsd: s.costUsd,
        latencyMs: s.latencyMs,
        output: s.output,
      })),
      definition,
    };
  }
}

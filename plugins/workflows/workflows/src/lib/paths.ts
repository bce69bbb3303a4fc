import { useRouteRef } from '@backstage/frontend-plugin-api';
import type { WorkflowKey } from '@ai-ops/plugin-workflows-common';
import {
  newWorkflowRouteRef,
  rootRouteRef,
  runRouteRef,
  runsRouteRef,
  workflowMetricsRouteRef,
  workflowRouteRef,
} from '../routes';

/** Where the plugin's page is mounted when the app does not say. */
export const DEFAULT_BASE_PATH = '/workflows';

/** The view a path below the plugin's page selects. */
export type WorkflowsView =
  | { view: 'list' }
  | { view: 'new' }
  | { view: 'workflow'; key: WorkflowKey }
  | { view: 'notFound' };

/**
 * Picks the view of an app path below the page's base path:
 * `/workflows`, `/workflows/new` or `/workflows/:namespace/:name`.
 */
export function matchView(pathname: string, basePath: string): WorkflowsView {
  const base = basePath.replace(/\/+$/, '');
  if (pathname !== base && !pathname.startsWith(`${base}/`)) {
    return { view: 'notFound' };
  }
  let segments: string[];
  try {
    segments = pathname
      .slice(base.length)
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
  } catch {
    return { view: 'notFound' };
  }
  if (segments.length === 0) return { view: 'list' };
  if (segments.length === 1 && segments[0] === 'new') return { view: 'new' };
  if (segments.length === 2) {
    return {
      view: 'workflow',
      key: { namespace: segments[0], name: segments[1] },
    };
  }
  return { view: 'notFound' };
}

/** App paths of the plugin's views, resolved through its route refs. */
export function useWorkflowsPaths() {
  const root = useRouteRef(rootRouteRef);
  const create = useRouteRef(newWorkflowRouteRef);
  const workflow = useRouteRef(workflowRouteRef);
  const runs = useRouteRef(runsRouteRef);
  const run = useRouteRef(runRouteRef);
  const workflowMetrics = useRouteRef(workflowMetricsRouteRef);
  const base = root?.() ?? DEFAULT_BASE_PATH;
  const encode = (key: WorkflowKey) => ({
    namespace: encodeURIComponent(key.namespace),
    name: encodeURIComponent(key.name),
  });
  return {
    base,
    list: () => base,
    create: () => create?.() ?? `${base}/new`,
    workflow: (key: WorkflowKey) =>
      workflow?.(encode(key)) ??
      `${base}/${encode(key).namespace}/${encode(key).name}`,
    /**
     * The workflow's runs in the executions plugin's list, filtered by the
     * workflow; undefined when the app does not bind the runs route.
     */
    runs: (key: WorkflowKey) => {
      const list = runs?.();
      if (list === undefined) return undefined;
      const ref = `aiworkflow:${key.namespace}/${key.name}`;
      return `${list}?workflow=${encodeURIComponent(ref)}`;
    },
    /**
     * The workflow's metrics page in the executions plugin; undefined when
     * the app does not bind the metrics route.
     */
    workflowMetrics: (key: WorkflowKey) => workflowMetrics?.(encode(key)),
    /**
     * One run's page in the executions plugin; undefined when the app does
     * not bind the run route.
     */
    run: (id: string) => run?.({ id: encodeURIComponent(id) }),
  };
}

import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  approvalsRouteRef,
  componentMetricsRouteRef,
  componentPageRouteRef,
  rootRouteRef,
  runRouteRef,
  workflowMetricsRouteRef,
  workflowPageRouteRef,
} from '../routes';

/** Where the plugin's page is mounted when the app does not say. */
export const DEFAULT_BASE_PATH = '/executions';

/** `namespace` and `name` of an entity ref such as `aiworkflow:default/x`. */
export interface EntityKey {
  namespace: string;
  name: string;
}

/** The view a path below the plugin's page selects. */
export type ExecutionsView =
  | { view: 'list' }
  | { view: 'run'; id: string }
  | { view: 'approvals' }
  | { view: 'workflowMetrics'; key: EntityKey }
  | { view: 'componentMetrics'; key: EntityKey }
  | { view: 'notFound' };

/**
 * Picks the view of an app path below the page's base path: the list, a
 * run, the approvals inbox or a metrics page.
 */
export function matchView(pathname: string, basePath: string): ExecutionsView {
  const base = basePath.replace(/\/+$/, '');
  if (pathname !== base && !pathname.startsWith(`${base}/`)) {
    return { view: 'notFound' };
  }
  let s: string[];
  try {
    s = pathname
      .slice(base.length)
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
  } catch {
    return { view: 'notFound' };
  }
  if (s.length === 0) return { view: 'list' };
  if (s.length === 1 && s[0] === 'approvals') return { view: 'approvals' };
  if (s.length === 2 && s[0] === 'runs') return { view: 'run', id: s[1] };
  if (s.length === 4 && s[0] === 'metrics') {
    const key = { namespace: s[2], name: s[3] };
    if (s[1] === 'workflows') return { view: 'workflowMetrics', key };
    if (s[1] === 'components') return { view: 'componentMetrics', key };
  }
  return { view: 'notFound' };
}

/**
 * The namespace and name of an entity ref (`kind:namespace/name`,
 * `namespace/name` or `name`).
 */
export function parseEntityKey(ref: string): EntityKey {
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  const slash = withoutKind.indexOf('/');
  if (slash < 0) return { namespace: 'default', name: withoutKind };
  return {
    namespace: withoutKind.slice(0, slash),
    name: withoutKind.slice(slash + 1),
  };
}

/** App paths of the plugin's views, resolved through its route refs. */
export function useExecutionsPaths() {
  const root = useRouteRef(rootRouteRef);
  const run = useRouteRef(runRouteRef);
  const approvals = useRouteRef(approvalsRouteRef);
  const workflowMetrics = useRouteRef(workflowMetricsRouteRef);
  const componentMetrics = useRouteRef(componentMetricsRouteRef);
  const workflowPage = useRouteRef(workflowPageRouteRef);
  const componentPage = useRouteRef(componentPageRouteRef);
  const base = root?.() ?? DEFAULT_BASE_PATH;
  const encode = (key: EntityKey) => ({
    namespace: encodeURIComponent(key.namespace),
    name: encodeURIComponent(key.name),
  });
  return {
    base,
    list: () => base,
    run: (id: string) =>
      run?.({ id: encodeURIComponent(id) }) ??
      `${base}/runs/${encodeURIComponent(id)}`,
    approvals: () => approvals?.() ?? `${base}/approvals`,
    workflowMetrics: (ref: string) => {
      const key = encode(parseEntityKey(ref));
      return (
        workflowMetrics?.(key) ??
        `${base}/metrics/workflows/${key.namespace}/${key.name}`
      );
    },
    /** The workflow's own page, when the app has the workflows plugin. */
    workflowPage: (ref: string) => workflowPage?.(encode(parseEntityKey(ref))),
    /** The component's own page, when the app has the ai-components plugin. */
    componentPage: (ref: string) =>
      componentPage?.(encode(parseEntityKey(ref))),
    componentMetrics: (ref: string) => {
      const key = encode(parseEntityKey(ref));
      return (
        componentMetrics?.(key) ??
        `${base}/metrics/components/${key.namespace}/${key.name}`
      );
    },
  };
}

import { useRouteRef } from '@backstage/frontend-plugin-api';
import type { AiComponentKey } from '@ai-ops/plugin-ai-components-common';
import {
  componentMetricsRouteRef,
  componentRouteRef,
  createComponentRouteRef,
  editComponentRouteRef,
  rootRouteRef,
  secretsRouteRef,
} from '../routes';

/** Where the plugin's page is mounted when the app does not say. */
export const DEFAULT_BASE_PATH = '/ai-components';

/**
 * The view a path below the plugin's page selects.
 *
 * @public
 */
export type AiComponentsView =
  | { view: 'marketplace' }
  | { view: 'create' }
  | { view: 'secrets' }
  | { view: 'component'; key: AiComponentKey }
  | { view: 'edit'; key: AiComponentKey }
  | { view: 'notFound' };

/**
 * Picks the view of an app path below the page's base path, e.g.
 * `/ai-components/default/my-tool/edit` is the edit form of `default/my-tool`.
 *
 * @public
 */
export function matchView(
  pathname: string,
  basePath: string,
): AiComponentsView {
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
  if (segments.length === 0) return { view: 'marketplace' };
  if (segments.length === 1 && segments[0] === 'new') return { view: 'create' };
  if (segments.length === 1 && segments[0] === 'secrets') {
    return { view: 'secrets' };
  }
  if (segments.length === 2) {
    return {
      view: 'component',
      key: { namespace: segments[0], name: segments[1] },
    };
  }
  if (segments.length === 3 && segments[2] === 'edit') {
    return { view: 'edit', key: { namespace: segments[0], name: segments[1] } };
  }
  return { view: 'notFound' };
}

/**
 * App paths of the plugin's views, resolved through its route refs.
 *
 * @public
 */
export function useAiComponentsPaths() {
  const root = useRouteRef(rootRouteRef);
  const create = useRouteRef(createComponentRouteRef);
  const component = useRouteRef(componentRouteRef);
  const edit = useRouteRef(editComponentRouteRef);
  const secrets = useRouteRef(secretsRouteRef);
  const componentMetrics = useRouteRef(componentMetricsRouteRef);
  const base = root?.() ?? DEFAULT_BASE_PATH;
  const encode = (key: AiComponentKey) => ({
    namespace: encodeURIComponent(key.namespace),
    name: encodeURIComponent(key.name),
  });
  return {
    base,
    marketplace: () => base,
    create: () => create?.() ?? `${base}/new`,
    secrets: () => secrets?.() ?? `${base}/secrets`,
    component: (key: AiComponentKey) =>
      component?.(encode(key)) ??
      `${base}/${encode(key).namespace}/${encode(key).name}`,
    edit: (key: AiComponentKey) =>
      edit?.(encode(key)) ??
      `${base}/${encode(key).namespace}/${encode(key).name}/edit`,
    /**
     * The component's metrics page, when the app has the executions plugin
     * (or binds the external route elsewhere); undefined otherwise.
     */
    componentMetrics: (key: AiComponentKey) => componentMetrics?.(encode(key)),
  };
}

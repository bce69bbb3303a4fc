import { ReactElement } from 'react';
import { ws } from 'msw';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SignalClient } from '@backstage/plugin-signals';
import {
  createExecutionsClient,
  createWorkflowDefinitionsClient,
  executionsApiRef,
  workflowDefinitionsApiRef,
} from '../api';
import { rootRouteRef } from '../routes';

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
/** `AuthorizeResult.ALLOW | AuthorizeResult.DENY` of permission-common. */
type Decision = Exclude<
  NonNullable<PermissionOptions['authorize']>,
  (...args: any[]) => unknown
>;
const ALLOW = 'ALLOW' as unknown as Decision;
const DENY = 'DENY' as unknown as Decision;

/** Where the tests' executions backend answers (msw intercepts it). */
export const EXECUTIONS_URL = 'http://localhost:7007/api/executions';
/** Where the tests' workflows backend answers. */
export const WORKFLOWS_URL = 'http://localhost:7007/api/workflows';
/** Where the tests' signals backend answers (a WebSocket msw intercepts). */
export const SIGNALS_URL = 'ws://localhost:7007/api/signals';

const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://localhost:7007/api/${pluginId}`,
};
const fetchApi = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
};

/** The signals backend as the browser sees it: a WebSocket link for msw. */
export const signalsLink = ws.link(SIGNALS_URL);

/**
 * Renders an element of the plugin in a test app at `path`, with the real
 * clients over msw (the signals client over an msw WebSocket), the
 * signed-in user `user:default/alice`, and permissions that allow
 * everything unless `deny` names some.
 */
export function renderPage(
  element: ReactElement,
  options: { path?: string; deny?: string[] } = {},
) {
  const { path = '/executions', deny = [] } = options;
  const identity = mockApis.identity({
    userEntityRef: 'user:default/alice',
    token: 'alice-token',
  });
  return renderInTestApp(element, {
    initialRouteEntries: [path],
    mountedRoutes: { '/executions': rootRouteRef },
    apis: [
      [executionsApiRef, createExecutionsClient({ discoveryApi, fetchApi })],
      [
        workflowDefinitionsApiRef,
        createWorkflowDefinitionsClient({ discoveryApi, fetchApi }),
      ],
      [
        signalApiRef,
        SignalClient.create({ identity, discoveryApi, reconnectTimeout: 100 }),
      ],
      identity,
      mockApis.permission({
        authorize: request =>
          deny.includes(request.permission.name) ? DENY : ALLOW,
      }),
    ],
  });
}

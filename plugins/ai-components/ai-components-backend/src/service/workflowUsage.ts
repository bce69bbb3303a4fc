import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** A workflow whose newest version uses a component. @internal */
export type WorkflowUsage = {
  ref: string;
  title?: string;
  latestVersion: number;
};

/** Which workflows use a component. @internal */
export interface WorkflowUsageService {
  workflowsUsing(componentRef: string): Promise<WorkflowUsage[]>;
}

/**
 * Asks the workflows capability, with this plugin's own service credentials so
 * that every workflow counts, not only those the caller may read.
 *
 * @internal
 */
export class WorkflowsUsageClient implements WorkflowUsageService {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async workflowsUsing(componentRef: string): Promise<WorkflowUsage[]> {
    const { discovery, auth } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'workflows',
    });
    const url = `${await discovery.getBaseUrl(
      'workflows',
    )}/usage?component=${encodeURIComponent(componentRef)}`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return ((await response.json()) as { items: WorkflowUsage[] }).items;
  }
}

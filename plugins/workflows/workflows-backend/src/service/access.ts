import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { ReadDecisionCache } from '@ai-ops/console-node';
import { workflowReadPermission } from '@ai-ops/plugin-workflows-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import {
  Workflow,
  WorkflowFilter,
  WorkflowKey,
  WorkflowStore,
} from '../database/types';
import { aiWorkflowResourceRef } from '../permissions/ownership';
import { workflowRef } from './representation';

/** Any request of the typed router; the helpers only need its headers. */
export type AnyRequest = Request<any, any, any, any>;

export type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who did something, as stored in createdBy/updatedBy. */
export const actorOf = (credentials: Credentials) =>
  credentials.principal.type === 'user'
    ? credentials.principal.userEntityRef
    : `service:${credentials.principal.subject}`;

/**
 * Credentials, permission decisions and audit events of the workflows API:
 * every handler goes through these, so no route forgets a check.
 *
 * @internal
 */
export class WorkflowAccess {
  private readonly readDecisions = new ReadDecisionCache();
  private readonly transformConditions;

  constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      auditor: AuditorService;
      store: WorkflowStore;
    },
  ) {
    this.transformConditions = createConditionTransformer(
      options.permissionsRegistry.getPermissionRuleset(aiWorkflowResourceRef),
    );
  }

  /** A user or service caller; 401 otherwise. */
  credentials(req: AnyRequest): Promise<Credentials> {
    return this.options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
  }

  /** A service caller; 401 without credentials, 403 for a user. */
  async serviceCredentials(req: AnyRequest) {
    const credentials = await this.credentials(req);
    if (credentials.principal.type !== 'service') {
      throw new NotAllowedError('Only backend services may call this route');
    }
    return credentials;
  }

  /** Whether the caller has a permission (on the workflow, when given). */
  async authorize(
    req: AnyRequest,
    permission: BasicPermission | ResourcePermission,
    key?: WorkflowKey,
  ) {
    const credentials = await this.credentials(req);
    const allowed = await this.isAllowed(credentials, permission, key);
    return { credentials, allowed };
  }

  async isAllowed(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    key?: WorkflowKey,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [
        key
          ? {
              permission: permission as ResourcePermission,
              resourceRef: workflowRef(key),
            }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** For each key, whether the caller may read that workflow. */
  async canRead(
    credentials: BackstageCredentials,
    keys: WorkflowKey[],
  ): Promise<boolean[]> {
    if (!keys.length) return [];
    const decisions = await this.options.permissions.authorize(
      keys.map(key => ({
        permission: workflowReadPermission,
        resourceRef: workflowRef(key),
      })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /** A workflow the caller may read; 404 otherwise, so names do not leak. */
  async readable(req: AnyRequest, key: WorkflowKey) {
    const { credentials, allowed } = await this.authorize(
      req,
      workflowReadPermission,
      key,
    );
    const workflow = allowed ? await this.options.store.get(key) : undefined;
    if (!workflow) {
      throw new NotFoundError(`No workflow '${workflowRef(key)}'`);
    }
    return { credentials, workflow };
  }

  /**
   * A workflow the caller may read and change with `permission`; 403 when
   * the permission is denied, 409 when `readOnlyCatalog` and the workflow is
   * defined in a catalog-info.yaml.
   */
  async changeable(
    req: AnyRequest,
    key: WorkflowKey,
    permission: ResourcePermission,
    verb: string,
    options: { readOnlyCatalog: boolean },
  ) {
    const { credentials, workflow } = await this.readable(req, key);
    if (!(await this.isAllowed(credentials, permission, key))) {
      throw new NotAllowedError(`You may not ${verb} '${workflowRef(key)}'`);
    }
    if (options.readOnlyCatalog) assertNotFromCatalog(workflow);
    return { credentials, workflow };
  }

  /**
   * The read condition as a store filter: undefined when the caller may
   * read nothing, `{}` when everything, `{ permission }` when some.
   */
  async readFilter(
    req: AnyRequest,
  ): Promise<Pick<WorkflowFilter, 'permission'> | undefined> {
    const credentials = await this.credentials(req);
    const decision = await this.readDecisions.get(
      actorOf(credentials),
      async () => {
        const [first] = await this.options.permissions.authorizeConditional(
          [{ permission: workflowReadPermission }],
          { credentials },
        );
        return first;
      },
    );
    if (decision.result === AuthorizeResult.DENY) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { permission: this.transformConditions(decision.conditions) };
    }
    return {};
  }

  /** Runs a mutation inside an audit event that records its outcome. */
  async audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await action();
      await event.success({ meta });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  }
}

/** Workflows defined in a catalog-info.yaml change only there. */
export function assertNotFromCatalog(workflow: Workflow): void {
  if (workflow.source === 'catalog') {
    throw new ConflictError(
      `'${workflowRef(workflow)}' is defined in ${
        workflow.sourceLocation ?? 'a catalog-info.yaml file'
      }; change it there`,
    );
  }
}

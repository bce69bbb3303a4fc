import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';

/** Any request of the typed router; the helpers only need its headers. */
export type AnyRequest = Request<any, any, any, any>;

export type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who did something, as stored in createdBy and triggers. */
export const actorOf = (credentials: Credentials) =>
  credentials.principal.type === 'user'
    ? credentials.principal.userEntityRef
    : `service:${credentials.principal.subject}`;

/** What an audit event records: plain JSON values. */
export type AuditMeta = Record<
  string,
  string | number | boolean | null | undefined | string[]
>;

/** What the verbs of the permissions read as in a 403. */
const VERBS: Record<string, string> = {
  'executions.execution.read': 'read runs',
  'executions.execution.run': 'start runs',
  'executions.execution.cancel': 'cancel runs',
  'executions.execution.approve': 'decide approvals of runs',
};

/**
 * Credentials, permission decisions and audit events of the executions API:
 * every handler goes through these, so no route forgets a check.
 *
 * @internal
 */
export class ExecutionAccess {
  constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      auditor: AuditorService;
    },
  ) {}

  /** A user or service caller; 401 otherwise. */
  credentials(req: AnyRequest): Promise<Credentials> {
    return this.options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
  }

  async isAllowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The caller's credentials when they hold `permission`; 401 or 403 otherwise. */
  async authorize(
    req: AnyRequest,
    permission: BasicPermission,
  ): Promise<Credentials> {
    const credentials = await this.credentials(req);
    if (!(await this.isAllowed(credentials, permission))) {
      throw new NotAllowedError(
        `You may not ${VERBS[permission.name] ?? permission.name} (${
          permission.name
        })`,
      );
    }
    return credentials;
  }

  /** Runs a mutation inside an audit event that records its outcome. */
  async audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: AuditMeta,
    action: () => Promise<T>,
    resultMeta?: (result: T) => AuditMeta,
  ): Promise<T> {
    const clean = (m: AuditMeta) =>
      Object.fromEntries(
        Object.entries(m).filter(([, v]) => v !== undefined),
      ) as Record<string, string | number | boolean | null | string[]>;
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: clean(meta),
    });
    try {
      const result = await action();
      await event.success({
        meta: clean({ ...meta, ...resultMeta?.(result) }),
      });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error, meta: clean(meta) });
      throw error;
    }
  }
}

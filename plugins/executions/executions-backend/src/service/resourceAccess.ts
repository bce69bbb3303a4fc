import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { AnyRequest, Credentials, ExecutionAccess } from './access';

/** Names of workflows and components as entity refs spell them. */
const NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

/** `<kind>:<namespace>/<name>` from path parameters; a 400 naming the bad one. */
export function entityRefOf(
  kind: 'aiworkflow' | 'aicomponent',
  params: { namespace: string; name: string },
): string {
  for (const field of ['namespace', 'name'] as const) {
    if (!NAME.test(params[field])) {
      throw new InputError(
        `${field}: '${params[field]}' is not a valid entity ${field}`,
      );
    }
  }
  return `${kind}:${params.namespace}/${params.name}`.toLocaleLowerCase(
    'en-US',
  );
}

/**
 * Decisions on resources of other plugins (a workflow, a component): the
 * permission backend applies their owners' conditions (ownership) by
 * resource ref.
 *
 * @internal
 */
export class ResourceAccess {
  constructor(
    private readonly access: ExecutionAccess,
    private readonly permissions: PermissionsService,
  ) {}

  async isAllowed(
    credentials: Credentials,
    permission: ResourcePermission,
    resourceRef: string,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The caller's credentials when `permission` on `resourceRef` is allowed; 401 or 403 otherwise. */
  async authorize(
    req: AnyRequest,
    permission: ResourcePermission,
    resourceRef: string,
    what: string,
  ): Promise<Credentials> {
    const credentials = await this.access.credentials(req);
    if (!(await this.isAllowed(credentials, permission, resourceRef))) {
      throw new NotAllowedError(
        `You may not ${what} of ${resourceRef} (${permission.name})`,
      );
    }
    return credentials;
  }
}

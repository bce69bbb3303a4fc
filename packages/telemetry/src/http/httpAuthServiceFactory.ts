import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { DefaultHttpAuthService } from '@backstage/backend-defaults/httpAuth';
import { VerifiedUserTokens } from '@ai-ops/console-node';
import { trace } from '@opentelemetry/api';
import { requestLogContext } from './middleware';

/** The user entity ref, or the subject of a service caller. */
function callerOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return principal.subject;
  return undefined;
}

/**
 * Backstage's default `httpAuth`, which also notes the verified caller of a
 * request in its log context and on its span (`enduser.id`), so that log
 * lines after authentication say who asked, and which verifies a user token
 * once and then remembers it until it expires (see `VerifiedUserTokens` in
 * `@ai-ops/console-node`: a signed-in user's requests carry the same token
 * until it is refreshed).
 *
 * @public
 */
export const httpAuthServiceFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: {
    auth: coreServices.auth,
    discovery: coreServices.discovery,
    plugin: coreServices.pluginMetadata,
  },
  async factory({ auth, discovery, plugin }): Promise<HttpAuthService> {
    const inner = DefaultHttpAuthService.create({
      auth: new VerifiedUserTokens(auth),
      discovery,
      pluginId: plugin.getId(),
    });
    return {
      async credentials(req, options) {
        const credentials = await inner.credentials(req, options);
        const caller = callerOf(credentials);
        if (caller) {
          const context = requestLogContext(req);
          if (context) context.user = caller;
          trace.getActiveSpan()?.setAttribute('enduser.id', caller);
        }
        return credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    } as HttpAuthService;
  },
});

import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthAuthenticator,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';

type OidcContext = ReturnType<typeof oidcAuthenticator.initialize>;

/**
 * Backstage's OIDC authenticator with one change: it reads the identity
 * provider's discovery document again after a failed read.
 *
 * The upstream authenticator reads it once, when the backend starts, and
 * keeps the outcome. When the provider cannot be reached at that moment (it
 * restarts, DNS is not ready yet) the rejection is never handled (logged as
 * an unhandled rejection) and every sign-in fails until the backend is
 * restarted. Here the first read is still started at once, a failure is
 * reported to the sign-in that waits for it, and the next sign-in reads the
 * document again.
 */
export const retryingOidcAuthenticator = createOAuthAuthenticator({
  ...oidcAuthenticator,
  initialize(options) {
    const read = (): OidcContext => {
      const context = oidcAuthenticator.initialize(options);
      // Handled by whoever awaits it (a sign-in); not a process-level error.
      context.promise.catch(() => undefined);
      return context;
    };
    let current = read();
    return {
      initializedPrompt: current.initializedPrompt,
      searchParams: current.searchParams,
      get promise() {
        return current.promise.catch(() => {
          current = read();
          return current.promise;
        });
      },
    };
  },
});

/**
 * Sign-in with any OpenID Connect provider (`auth.providers.oidc`), as
 * `@backstage/plugin-auth-backend-module-oidc-provider` registers it (same
 * provider id, configuration and sign-in resolvers), with
 * {@link retryingOidcAuthenticator}.
 */
export const authModuleRetryingOidcProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: retryingOidcAuthenticator,
            signInResolverFactories: { ...oidcSignInResolvers },
          }),
        });
      },
    });
  },
});

export default authModuleRetryingOidcProvider;

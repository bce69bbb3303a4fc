import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  createFrontendModule,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { oidcAuthApi, oidcAuthApiRef } from './oidcAuthApi';

const oidcProvider: SignInProviderConfig = {
  id: 'oidc-auth-provider',
  title: 'Single sign-on',
  message: 'Sign in with your organization account',
  apiRef: oidcAuthApiRef,
};

/**
 * Offers the sign-in methods listed in `app.signIn.providers`: `guest` for
 * local use (the default), `oidc` in production.
 */
function ConsoleSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const enabled = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  const providers = enabled.map(id =>
    id === 'oidc' ? oidcProvider : ('guest' as const),
  );
  return <SignInPage {...props} providers={providers} />;
}

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    oidcAuthApi,
    SignInPageBlueprint.make({
      params: { loader: async () => ConsoleSignInPage },
    }),
  ],
});

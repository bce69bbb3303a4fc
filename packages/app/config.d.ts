export interface Config {
  app: {
    signIn?: {
      /**
       * Sign-in methods offered on the sign-in page, in order: `guest` for
       * local use, `oidc` for the backend's OpenID Connect provider.
       * @default ["guest"]
       * @visibility frontend
       */
      providers?: Array<'guest' | 'oidc'>;
    };
  };
  auth?: {
    /**
     * The auth environment the frontend signs in against.
     * @visibility frontend
     */
    environment?: string;
  };
}

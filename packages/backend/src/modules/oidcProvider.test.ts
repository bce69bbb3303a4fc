import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { retryingOidcAuthenticator } from './oidcProvider';

/** A port that nothing listens on (yet). */
async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * The identity provider's discovery endpoint, as any OpenID Connect provider
 * serves it (the provider itself is a third party that is not reachable from
 * tests).
 */
async function serveDiscovery(port: number) {
  const issuer = `http://127.0.0.1:${port}`;
  const server = http.createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  return { issuer, close: () => new Promise(r => server.close(r)) };
}

function options(port: number) {
  return {
    callbackUrl: 'http://127.0.0.1:7007/api/auth/oidc/handler/frame',
    config: new ConfigReader({
      clientId: 'ai-ops-console',
      clientSecret: 'not-a-secret',
      metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    }),
  };
}

describe('retryingOidcAuthenticator', () => {
  it('reads the discovery document again once the provider is back', async () => {
    const port = await unusedPort();
    const upstream = oidcAuthenticator.initialize(options(port));
    const context = retryingOidcAuthenticator.initialize(options(port));

    // Down at start: the sign-in that waits for it gets the error.
    await expect(upstream.promise).rejects.toThrow(/ECONNREFUSED/);
    await expect(context.promise).rejects.toThrow(/ECONNREFUSED/);

    const provider = await serveDiscovery(port);
    try {
      // Back: the next sign-in reads it again and gets a client for it,
      // where the upstream authenticator keeps its first failure.
      const { client } = await context.promise;
      expect(client.issuer.metadata.issuer).toBe(provider.issuer);
      expect(client.metadata.client_id).toBe('ai-ops-console');
      await expect(upstream.promise).rejects.toThrow(/ECONNREFUSED/);
      // Read once: later sign-ins reuse it.
      expect((await context.promise).client).toBe(client);
    } finally {
      await provider.close();
    }
  });

  it('keeps the upstream configuration checks and sign-in options', () => {
    const port = 1;
    const context = retryingOidcAuthenticator.initialize({
      ...options(port),
      config: new ConfigReader({
        ...options(port).config.get<object>(),
        prompt: 'login',
        startUrlSearchParams: { audience: 'console' },
      }),
    });
    context.promise.catch(() => undefined);
    expect(context.initializedPrompt).toBe('login');
    expect(context.searchParams).toEqual({ audience: 'console' });
    expect(() =>
      retryingOidcAuthenticator.initialize({
        ...options(port),
        config: new ConfigReader({ clientId: 'x' }),
      }),
    ).toThrow(/clientSecret/);
  });
});

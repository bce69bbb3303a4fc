// A local OpenID Connect provider (the certified `oidc-provider` package)
// with test accounts, and a driver that signs in to Backstage through it with
// the real authorization-code flow.
import Provider from 'oidc-provider';
import { request, waitFor } from './http.mjs';

export async function startOidcProvider({
  port,
  redirectUri,
  accounts,
  clientId,
  clientSecret,
}) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => false },
    issueRefreshToken: async () => true,
    cookies: { keys: ['integration-test-cookie-key'] },
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  await waitFor('the OIDC provider', async () => {
    const res = await request(`${issuer}/.well-known/openid-configuration`);
    return res.status === 200;
  });
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

const formAction = html => {
  const match = html.match(/<form[^>]*action="([^"]+)"/);
  if (!match) throw new Error(`no form in page:\n${html.slice(0, 500)}`);
  return match[1].replace(/&amp;/g, '&');
};

/**
 * Signs `login` in to Backstage through the OIDC provider: /start, the
 * provider's login and consent pages, the backend's handler, then /refresh.
 * Returns the Backstage identity and the cookie jar holding the session.
 */
export async function signInWithOidc({
  backendUrl,
  login,
  jar,
  localAddress,
  env = 'production',
}) {
  const opts = { jar, localAddress };
  const frameOrigin = backendUrl;
  let url = `${backendUrl}/api/auth/oidc/start?env=${env}&scope=${encodeURIComponent(
    'openid profile email offline_access',
  )}&origin=${encodeURIComponent(
    frameOrigin,
  )}&flow=redirect&redirectUrl=${encodeURIComponent(`${frameOrigin}/`)}`;
  let res = await request(url, opts);
  const visited = [];
  for (let hop = 0; hop < 20; hop++) {
    visited.push(`${res.status} ${url}`);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.location, url).toString();
      if (url.startsWith(`${frameOrigin}/`) && !url.includes('/api/auth/'))
        break;
      res = await request(url, opts);
      continue;
    }
    if (res.status !== 200) {
      throw new Error(
        `sign-in of ${login} failed at ${url}: ${res.status} ${res.text.slice(
          0,
          500,
        )}\n${visited.join('\n')}`,
      );
    }
    if (url.includes('/interaction/')) {
      const action = new URL(formAction(res.text), url).toString();
      const isLogin = res.text.includes('name="login"');
      const body = isLogin
        ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
        : new URLSearchParams({ prompt: 'consent' });
      url = action;
      res = await request(url, { ...opts, method: 'POST', body });
      continue;
    }
    break;
  }
  const refresh = await request(
    `${backendUrl}/api/auth/oidc/refresh?env=${env}`,
    {
      ...opts,
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  if (refresh.status !== 200) {
    throw new Error(
      `refresh after sign-in of ${login} failed: ${refresh.status} ${
        refresh.text
      }\n${visited.join('\n')}`,
    );
  }
  return refresh.json().backstageIdentity;
}

import {
  AuthService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { VerifiedUserTokens } from '@ai-ops/console-node';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import express from 'express';
import request from 'supertest';
import { httpAuthServiceFactory } from './httpAuthServiceFactory';

/**
 * Backstage's real auth: the auth backend signs a guest in and issues an
 * ES256 user token, every plugin verifies it against the auth backend's
 * JWKS. `probe` answers who asked, through the console's `httpAuth`.
 */
async function startBackend() {
  const probe: { auth?: AuthService } = {};
  const backend = await startTestBackend({
    features: [
      authServiceFactory,
      httpAuthServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
          },
        },
      }),
      authPlugin,
      guestProvider,
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: {
              router: coreServices.httpRouter,
              httpAuth: coreServices.httpAuth,
              auth: coreServices.auth,
            },
            async init({ router, httpAuth, auth }) {
              probe.auth = auth;
              const routes = express.Router();
              routes.get('/caller', async (req, res) => {
                const credentials = await httpAuth.credentials(req, {
                  allow: ['user'],
                });
                res.json(credentials.principal);
              });
              router.use(routes);
            },
          });
        },
      }),
    ],
  });
  const signIn = await request(backend.server)
    .get('/api/auth/guest/refresh')
    .set('x-requested-with', 'XMLHttpRequest');
  expect(signIn.status).toBe(200);
  const token: string = signIn.body.backstageIdentity.token;
  return { backend, token, auth: probe.auth! };
}

/** Counts the calls that reach Backstage's own verification. */
function counting(auth: AuthService) {
  const counted = Object.create(auth) as AuthService & { calls: number };
  counted.calls = 0;
  counted.authenticate = (token, options) => {
    counted.calls += 1;
    return auth.authenticate(token, options);
  };
  return counted;
}

describe('httpAuthServiceFactory with Backstage auth', () => {
  it('serves a signed-in user and refuses a forged token', async () => {
    const { backend, token } = await startBackend();
    try {
      for (let i = 0; i < 3; i += 1) {
        const caller = await request(backend.server)
          .get('/api/probe/caller')
          .set('authorization', `Bearer ${token}`);
        expect(caller.status).toBe(200);
        expect(caller.body).toEqual({
          type: 'user',
          userEntityRef: 'user:development/guest',
        });
      }
      // The remembered token's header and claims with another signature.
      const [header, payload] = token.split('.');
      const forged = `${header}.${payload}.${Buffer.alloc(64).toString(
        'base64url',
      )}`;
      const refused = await request(backend.server)
        .get('/api/probe/caller')
        .set('authorization', `Bearer ${forged}`);
      expect(refused.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('remembers the real user credentials until the token expires', async () => {
    const { backend, token, auth } = await startBackend();
    try {
      const inner = counting(auth);
      const verified = new VerifiedUserTokens(inner);
      const first = await verified.authenticate(token);
      expect(auth.isPrincipal(first, 'user')).toBe(true);
      // Backstage gives user credentials the token's own expiry.
      const { exp } = JSON.parse(
        Buffer.from(token.split('.')[1], 'base64url').toString(),
      );
      expect(first.expiresAt?.getTime()).toBe(exp * 1000);
      expect(await verified.authenticate(token)).toBe(first);
      expect(inner.calls).toBe(1);

      // A limited token (what the sign-in cookie carries) is verified each
      // time, and refused where limited access is not allowed.
      const { token: limited } = await auth.getLimitedUserToken(
        first as Parameters<AuthService['getLimitedUserToken']>[0],
      );
      await verified.authenticate(limited, { allowLimitedAccess: true });
      await expect(verified.authenticate(limited)).rejects.toThrow(
        /limited user token/i,
      );
      expect(inner.calls).toBe(3);
    } finally {
      await backend.stop();
    }
  });
});

import crypto from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  BackstagePrincipalTypes,
} from '@backstage/backend-plugin-api';
import { VerifiedUserTokens } from './VerifiedUserTokens';

/**
 * An auth service that really signs and verifies ES256 tokens (as
 * Backstage's own does for user tokens), counting the verifications, with
 * a clock the test moves.
 */
class SigningAuth implements AuthService {
  readonly keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  verifications = 0;
  clock = 1_000_000;

  issue(sub: string, typ: string, expiresInSeconds: number): string {
    const part = (value: object) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = `${part({ alg: 'ES256', typ })}.${part({
      sub,
      exp: Math.floor(this.clock / 1000) + expiresInSeconds,
    })}`;
    const signature = crypto.sign('sha256', Buffer.from(signed), {
      key: this.keys.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${signed}.${signature.toString('base64url')}`;
  }

  async authenticate(
    token: string,
    options?: { allowLimitedAccess?: boolean },
  ): Promise<BackstageCredentials> {
    this.verifications += 1;
    const [header, payload, signature] = token.split('.');
    const valid = crypto.verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: this.keys.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) throw new Error('Failed user token verification');
    const { typ } = JSON.parse(Buffer.from(header, 'base64url').toString());
    const { sub, exp } = JSON.parse(
      Buffer.from(payload, 'base64url').toString(),
    );
    if (exp * 1000 <= this.clock) throw new Error('Token expired');
    if (typ === 'service') {
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: sub },
      };
    }
    if (typ === 'limited-user' && !options?.allowLimitedAccess) {
      throw new Error('Illegal limited user token');
    }
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: sub },
      expiresAt: new Date(exp * 1000),
    };
  }

  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
    return (credentials.principal as { type: string }).type === type;
  }

  async getNoneCredentials() {
    return {
      $$type: '@backstage/BackstageCredentials' as const,
      principal: { type: 'none' as const },
    };
  }

  async getOwnServiceCredentials() {
    return {
      $$type: '@backstage/BackstageCredentials' as const,
      principal: { type: 'service' as const, subject: 'plugin:test' },
    };
  }

  async getPluginRequestToken(options: { targetPluginId: string }) {
    return { token: this.issue('plugin:test', options.targetPluginId, 60) };
  }

  async getLimitedUserToken() {
    return { token: 'limited', expiresAt: new Date(this.clock) };
  }

  async listPublicServiceKeys() {
    const { kty, crv, x, y } = this.keys.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty, crv, x, y }] };
  }
}

function setup(maxEntries?: number) {
  const inner = new SigningAuth();
  const auth = new VerifiedUserTokens(inner, maxEntries, () => inner.clock);
  return { inner, auth };
}

describe('VerifiedUserTokens', () => {
  it('answers a verified user token from memory until it expires', async () => {
    const { inner, auth } = setup();
    const token = inner.issue('user:default/ada', 'user', 60);

    const first = await auth.authenticate(token);
    inner.clock += 59_999;
    const repeat = await auth.authenticate(token);
    expect(repeat).toBe(first);
    expect(repeat.principal).toEqual({
      type: 'user',
      userEntityRef: 'user:default/ada',
    });
    expect(inner.verifications).toBe(1);

    // At its expiry the token goes to the inner service again, which
    // rejects it; nothing remembered answers instead.
    inner.clock += 1;
    await expect(auth.authenticate(token)).rejects.toThrow('Token expired');
    await expect(auth.authenticate(token)).rejects.toThrow('Token expired');
    expect(inner.verifications).toBe(3);
  });

  it('never remembers a token that fails verification', async () => {
    const { inner, auth } = setup();
    const token = inner.issue('user:default/ada', 'user', 60);
    await auth.authenticate(token);

    // The same header and claims with another signature: a different key.
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(64).toString(
      'base64url',
    )}`;
    await expect(auth.authenticate(forged)).rejects.toThrow(
      'Failed user token verification',
    );
    await expect(auth.authenticate(forged)).rejects.toThrow(
      'Failed user token verification',
    );
    expect(inner.verifications).toBe(3);
  });

  it('remembers only full user tokens, which also serve limited access', async () => {
    const { inner, auth } = setup();
    const limited = inner.issue('user:default/ada', 'limited-user', 60);
    await auth.authenticate(limited, { allowLimitedAccess: true });
    // Not remembered: without limited access it is still refused.
    await expect(auth.authenticate(limited)).rejects.toThrow(
      'Illegal limited user token',
    );
    expect(inner.verifications).toBe(2);

    const full = inner.issue('user:default/ada', 'user', 60);
    await auth.authenticate(full, { allowLimitedAccess: true });
    expect(inner.verifications).toBe(3);
    await auth.authenticate(full);
    await auth.authenticate(full, { allowLimitedAccess: true });
    expect(inner.verifications).toBe(4);
  });

  it('does not remember service tokens', async () => {
    const { inner, auth } = setup();
    const token = inner.issue('plugin:catalog', 'service', 60);
    const credentials = await auth.authenticate(token);
    expect(credentials.principal).toEqual({
      type: 'service',
      subject: 'plugin:catalog',
    });
    await auth.authenticate(token);
    expect(inner.verifications).toBe(2);
  });

  it('holds at most maxEntries tokens, forgetting the least recently used', async () => {
    const { inner, auth } = setup(2);
    const [a, b, c] = ['a', 'b', 'c'].map(name =>
      inner.issue(`user:default/${name}`, 'user', 60),
    );
    await auth.authenticate(a);
    await auth.authenticate(b);
    await auth.authenticate(a); // a is now the most recently used
    await auth.authenticate(c); // forgets b
    expect(inner.verifications).toBe(3);
    await auth.authenticate(a);
    await auth.authenticate(c);
    expect(inner.verifications).toBe(3);
    await auth.authenticate(b);
    expect(inner.verifications).toBe(4);
  });

  it('leaves every other call to the inner service', async () => {
    const { inner, auth } = setup();
    const none = await auth.getNoneCredentials();
    expect(auth.isPrincipal(none, 'none')).toBe(true);
    expect(auth.isPrincipal(none, 'user')).toBe(false);
    expect(await auth.getOwnServiceCredentials()).toEqual(
      await inner.getOwnServiceCredentials(),
    );
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: none,
      targetPluginId: 'service',
    });
    expect((await inner.authenticate(token)).principal).toEqual({
      type: 'service',
      subject: 'plugin:test',
    });
    expect(await auth.listPublicServiceKeys()).toEqual(
      await inner.listPublicServiceKeys(),
    );
  });
});

import {
  AuthService,
  BackstageCredentials,
  BackstagePrincipalTypes,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { LRUCache } from 'lru-cache';

/** How many verified user tokens a plugin's auth remembers by default. */
export const DEFAULT_VERIFIED_USER_TOKENS = 1000;

/**
 * An {@link AuthService} that remembers the user tokens it has verified,
 * each until the token's own expiry, and answers a repeat of one from memory.
 *
 * Backstage verifies a user token's ES256 signature on every request; Node
 * runs that verification (WebCrypto) on libuv's thread pool, so it costs each
 * signed-in request a thread hop and a share of the pool. A signed-in user
 * sends the same token with every request until it is refreshed, so nearly
 * all of those verifications repeat one already made.
 *
 * Remembering a token until its `exp` changes no decision: a Backstage user
 * token is a signed, stateless JWT that stays valid until it expires
 * (signing out does not revoke it), and the claims the credentials carry
 * come from the token itself. The key is the whole token, so a token that
 * differs in any character (another signature, say) is verified afresh, and
 * a token that fails verification is never remembered.
 *
 * Only tokens verified without `allowLimitedAccess` are remembered: those
 * are full user tokens, which are valid with and without that option. A
 * limited token (a cookie) is always verified by the inner service, which
 * rejects it where limited access is not allowed. Service tokens (plugin
 * tokens, static and JWKS external tokens) always go to the inner service.
 *
 * @public
 */
export class VerifiedUserTokens implements AuthService {
  private readonly verified: LRUCache<
    string,
    BackstageCredentials<BackstageUserPrincipal>
  >;

  /**
   * @param inner - the auth service that verifies tokens (Backstage's own)
   * @param maxEntries - how many tokens to remember; the least recently used
   *   is forgotten first
   * @param now - the clock, in milliseconds since the epoch
   */
  constructor(
    private readonly inner: AuthService,
    maxEntries = DEFAULT_VERIFIED_USER_TOKENS,
    private readonly now: () => number = Date.now,
  ) {
    this.verified = new LRUCache({ max: maxEntries });
  }

  async authenticate(
    token: string,
    options?: { allowLimitedAccess?: boolean },
  ): Promise<BackstageCredentials> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt!.getTime() > this.now()) return known;
      this.verified.delete(token);
    }
    const credentials = await this.inner.authenticate(token, options);
    if (
      !options?.allowLimitedAccess &&
      this.inner.isPrincipal(credentials, 'user') &&
      credentials.expiresAt &&
      credentials.expiresAt.getTime() > this.now()
    ) {
      this.verified.set(token, credentials);
    }
    return credentials;
  }

  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
    return this.inner.isPrincipal(credentials, type);
  }

  getNoneCredentials() {
    return this.inner.getNoneCredentials();
  }

  getOwnServiceCredentials() {
    return this.inner.getOwnServiceCredentials();
  }

  getPluginRequestToken(
    options: Parameters<AuthService['getPluginRequestToken']>[0],
  ) {
    return this.inner.getPluginRequestToken(options);
  }

  getLimitedUserToken(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) {
    return this.inner.getLimitedUserToken(credentials);
  }

  listPublicServiceKeys() {
    return this.inner.listPublicServiceKeys();
  }
}

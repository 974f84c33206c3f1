import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { ActorRole } from '@asb/event-store';
import { ACTOR_ROLES, tokenSubject, TokenRefusedError } from '@asb/ledger';

/** What the ledger reads from a provider's access token: the actor, and the farms the provider says it owns. */
export type OidcClaims = Readonly<{ sub: string; role: ActorRole; farms: readonly string[] }>;

export type OidcSettings = Readonly<{ issuer: string; audience: string; maxLifetimeSeconds: number }>;

const FARM_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SKEW_SECONDS = 60;
const ALGORITHMS: jwt.Algorithm[] = ['RS256', 'PS256', 'ES256'];
/** An unknown key id makes us fetch the JWKS again (the provider rotated), at most this often. */
const REFRESH_AFTER_MS = 30_000;

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Checks access tokens of an OpenID Connect provider (D49): a JWT (`typ` at+jwt, RFC 9068) signed
 * with a key the provider publishes in its JWKS (found through its discovery document), issued by
 * it, for this API (`aud`), unexpired and no longer-lived than the ledger allows, naming a subject
 * and one of the ledger's roles. ID tokens (audience: the client) and HS256 tokens are refused here.
 */
export class OidcAccessTokens {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly settings: OidcSettings,
    private readonly fetchJson: Fetch = (url) => fetch(url, { signal: AbortSignal.timeout(5000) }),
  ) {}

  get issuer(): string {
    return this.settings.issuer;
  }

  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<OidcClaims> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new TokenRefusedError('the bearer token is not a JWT');
    const { kid, alg, typ } = decoded.header as jwt.JwtHeader;
    if (!ALGORITHMS.includes(alg as jwt.Algorithm)) throw new TokenRefusedError(`the bearer token's algorithm ${alg} is not accepted`);
    if (typeof typ !== 'string' || !['at+jwt', 'application/at+jwt'].includes(typ.toLowerCase())) throw new TokenRefusedError('the bearer token is not an access token (typ at+jwt)');
    if (typeof kid !== 'string') throw new TokenRefusedError('the bearer token names no key (kid)');
    const key = await this.key(kid);
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, key, {
        algorithms: ALGORITHMS,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: SKEW_SECONDS,
        clockTimestamp: nowSeconds,
      });
    } catch (error) {
      throw new TokenRefusedError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    if (typeof payload === 'string') throw new TokenRefusedError('the bearer token has no claims');
    const { sub, role, farms, exp, iat } = payload as jwt.JwtPayload & { role?: unknown; farms?: unknown };
    const subject = tokenSubject(sub);
    if (typeof role !== 'string' || !ACTOR_ROLES.includes(role as ActorRole)) throw new TokenRefusedError(`the bearer token's role is not one of ${ACTOR_ROLES.join(', ')}`);
    if (typeof exp !== 'number') throw new TokenRefusedError('the bearer token has no expiry (exp)');
    const max = this.settings.maxLifetimeSeconds + SKEW_SECONDS;
    if (exp - nowSeconds > max || (typeof iat === 'number' && exp - iat > max)) {
      throw new TokenRefusedError(`the bearer token lives longer than the maximum of ${this.settings.maxLifetimeSeconds} s`);
    }
    const farmIds = Array.isArray(farms) ? farms.filter((f): f is string => typeof f === 'string' && FARM_ID.test(f)) : [];
    return { sub: subject, role: role as ActorRole, farms: farmIds };
  }

  private async key(kid: string): Promise<KeyObject> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (Date.now() - this.fetchedAt > REFRESH_AFTER_MS || this.keys.size === 0) await this.refresh();
    const key = this.keys.get(kid);
    if (!key) throw new TokenRefusedError(`the bearer token's key ${kid} is not one the provider publishes`);
    return key;
  }

  private refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const get = async (url: string): Promise<Record<string, unknown>> => {
      let response;
      try {
        response = await this.fetchJson(url);
      } catch (error) {
        throw new TokenRefusedError(`the identity provider could not be reached: ${(error as Error).message}`);
      }
      if (!response.ok) throw new TokenRefusedError(`the identity provider answered ${response.status} for ${url}`);
      const body = await response.json();
      if (typeof body !== 'object' || body === null) throw new TokenRefusedError(`the identity provider's ${url} is not a JSON object`);
      return body as Record<string, unknown>;
    };
    const discovery = await get(`${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (discovery.issuer !== this.settings.issuer) throw new TokenRefusedError('the identity provider names another issuer than the one configured');
    if (typeof discovery.jwks_uri !== 'string') throw new TokenRefusedError('the identity provider publishes no jwks_uri');
    const jwks = await get(discovery.jwks_uri);
    const keys = new Map<string, KeyObject>();
    for (const jwk of Array.isArray(jwks.keys) ? (jwks.keys as Array<JsonWebKey & { kid?: string; use?: string }>) : []) {
      if (typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
      } catch {
        // a key we cannot use is skipped, as a key of another kind would be
      }
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}

import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isSystemActorId, type ActorRole } from '@asb/event-store';
import type { LedgerConfig } from '../config/ledger-config';

export const ACTOR_ROLES: readonly ActorRole[] = ['farmer', 'calculator', 'data_source', 'payer', 'norm_authority', 'regulator', 'policy_analyst'];

/** The claims the ledger reads from a bearer token. */
export type BearerClaims = Readonly<{ sub: string; role: ActorRole }>;

export type TokenSettings = Pick<LedgerConfig, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience' | 'tokenMaxLifetimeSeconds'>;

/** Why a token is refused; the guard answers 401 with this as the message. */
export class TokenRefusedError extends Error {
  readonly code = 'TOKEN_REFUSED';
}

const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/**
 * A token's subject, the id every event it causes is recorded under: an id of our shape, and never one of the
 * ledger's own actors (`asb-ledger`, `checks`, `sealer`), so that no person appears in the log under the
 * ledger's name. The same rule for the ledger's tokens and the identity provider's.
 */
export const tokenSubject = (sub: unknown): string => {
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) throw new TokenRefusedError('the bearer token names no subject (sub)');
  if (isSystemActorId(sub)) throw new TokenRefusedError(`the bearer token's subject ${sub} is one of the ledger's own actors`);
  return sub;
};

/** Clocks of issuer and ledger may differ a little. */
const SKEW_SECONDS = 60;

/**
 * Signs and checks HS256 bearer tokens. The secret is imported as a key once (jsonwebtoken would
 * otherwise parse the string on every request). A token must name its subject, carry an expiry no
 * further away than the maximum lifetime, and be issued by and for this ledger.
 */
export class BearerTokens {
  private readonly key: KeyObject;

  constructor(private readonly settings: TokenSettings) {
    this.key = createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
  }

  sign(claims: BearerClaims, lifetimeSeconds = this.settings.tokenMaxLifetimeSeconds): string {
    if (lifetimeSeconds > this.settings.tokenMaxLifetimeSeconds) throw new TokenRefusedError(`a token lives at most ${this.settings.tokenMaxLifetimeSeconds} s`);
    return jwt.sign({ sub: claims.sub, role: claims.role }, this.key, {
      algorithm: 'HS256',
      expiresIn: lifetimeSeconds,
      issuer: this.settings.jwtIssuer,
      audience: this.settings.jwtAudience,
    });
  }

  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): BearerClaims {
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.jwtIssuer,
        audience: this.settings.jwtAudience,
        clockTolerance: SKEW_SECONDS,
        clockTimestamp: nowSeconds,
      });
    } catch (error) {
      throw new TokenRefusedError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    if (typeof payload === 'string') throw new TokenRefusedError('the bearer token has no claims');
    const { sub, role, exp, iat } = payload as jwt.JwtPayload & { role?: unknown };
    const subject = tokenSubject(sub);
    if (typeof role !== 'string' || !ACTOR_ROLES.includes(role as ActorRole)) throw new TokenRefusedError(`the bearer token's role is not one of ${ACTOR_ROLES.join(', ')}`);
    if (typeof exp !== 'number') throw new TokenRefusedError('the bearer token has no expiry (exp)');
    const max = this.settings.tokenMaxLifetimeSeconds + SKEW_SECONDS;
    if (exp - nowSeconds > max || (typeof iat === 'number' && exp - iat > max)) {
      throw new TokenRefusedError(`the bearer token lives longer than the maximum of ${this.settings.tokenMaxLifetimeSeconds} s`);
    }
    return { sub: subject, role: role as ActorRole };
  }
}

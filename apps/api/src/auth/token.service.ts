import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { BearerTokens, LEDGER_CONFIG, TokenRefusedError, type BearerClaims, type LedgerConfig } from '@asb/ledger';
import { OidcAccessTokens } from './oidc-access-tokens';
import { VerifiedTokens } from './verified-tokens';

/**
 * Issues and checks bearer tokens: the ledger's own (HS256; subject, expiry, issuer and audience
 * required — `asb dev-token`, scripts, tests) and, when OIDC_ISSUER is set, the access tokens of
 * that OpenID Connect provider, which the web application signs in with (D49).
 */
@Injectable()
export class TokenService {
  private readonly tokens: BearerTokens;
  readonly oidc: OidcAccessTokens | null;
  /** The ledger's own tokens, once verified, until they expire (the provider's are checked each time: its keys rotate). */
  private readonly verified = new VerifiedTokens();

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.tokens = new BearerTokens(config);
    this.oidc = config.oidcIssuer ? new OidcAccessTokens({ issuer: config.oidcIssuer, audience: config.oidcAudience, maxLifetimeSeconds: config.tokenMaxLifetimeSeconds }) : null;
  }

  issue(claims: BearerClaims, lifetimeSeconds?: number): string {
    return this.tokens.sign(claims, lifetimeSeconds);
  }

  verify(token: string): BearerClaims {
    return this.tokens.verify(token);
  }

  /** Either kind of token, told apart by its algorithm: HS256 is ours, anything else must be the provider's. */
  async verifyAny(token: string): Promise<BearerClaims & { farms?: readonly string[] }> {
    const known = this.verified.get(token);
    if (known) return known;
    const decoded = jwt.decode(token, { complete: true });
    const header = decoded?.header;
    if (!header || header.alg === 'HS256' || !this.oidc) {
      const claims = this.tokens.verify(token);
      const exp = (decoded?.payload as jwt.JwtPayload | undefined)?.exp;
      if (typeof exp === 'number') this.verified.set(token, claims, exp);
      return claims;
    }
    if (header.alg === 'none') throw new TokenRefusedError('the bearer token is not signed');
    const { sub, role, farms } = await this.oidc.verify(token);
    return { sub, role, farms };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { BearerTokens, LEDGER_CONFIG, TokenRefusedError, type BearerClaims, type LedgerConfig } from '@asb/ledger';
import { OidcAccessTokens } from './oidc-access-tokens';

/**
 * Issues and checks bearer tokens: the ledger's own (HS256; subject, expiry, issuer and audience
 * required — `asb dev-token`, scripts, tests) and, when OIDC_ISSUER is set, the access tokens of
 * that OpenID Connect provider, which the web application signs in with (D49).
 */
@Injectable()
export class TokenService {
  private readonly tokens: BearerTokens;
  readonly oidc: OidcAccessTokens | null;

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
    const header = jwt.decode(token, { complete: true })?.header;
    if (!header || header.alg === 'HS256' || !this.oidc) return this.tokens.verify(token);
    if (header.alg === 'none') throw new TokenRefusedError('the bearer token is not signed');
    const { sub, role, farms } = await this.oidc.verify(token);
    return { sub, role, farms };
  }
}

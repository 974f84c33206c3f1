import { Inject, Injectable } from '@nestjs/common';
import { BearerTokens, LEDGER_CONFIG, type BearerClaims, type LedgerConfig } from '@asb/ledger';

/** Issues and checks signed bearer tokens (HS256; subject, expiry, issuer and audience required). */
@Injectable()
export class TokenService {
  private readonly tokens: BearerTokens;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.tokens = new BearerTokens(config);
  }

  issue(claims: BearerClaims, lifetimeSeconds?: number): string {
    return this.tokens.sign(claims, lifetimeSeconds);
  }

  verify(token: string): BearerClaims {
    return this.tokens.verify(token);
  }
}

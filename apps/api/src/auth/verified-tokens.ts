import type { BearerClaims } from '@asb/ledger';

/**
 * Claims of bearer tokens this process has verified, kept until the token's expiry (issue 18: a
 * client sends the same token with every request, and checking its HMAC and claims again was about
 * 5 % of a balance read). Bounded: the oldest entry goes first. Only a token that passed every check
 * is kept, and only until its `exp`; after that it is checked again (and refused).
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: BearerClaims; expiresAtMs: number }>();

  constructor(private readonly max = 10_000) {}

  get(token: string, nowMs = Date.now()): BearerClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > nowMs) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, claims: BearerClaims, expSeconds: number): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, expiresAtMs: expSeconds * 1000 });
  }
}

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TokenRefusedError } from '@asb/ledger';
import { OidcAccessTokens } from './oidc-access-tokens';

const ISSUER = 'http://127.0.0.1:4999';
const AUDIENCE = 'asb-ledger-api';
const NOW = 1_790_000_000;

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const provider = rsa();
const stranger = rsa();

/** A provider that publishes one key, and counts how often it is asked. */
const fakeProvider = (keys: Array<{ kid: string; key: KeyObject }>, issuer = ISSUER) => {
  const calls: string[] = [];
  const fetchJson = async (url: string) => {
    calls.push(url);
    const body = url.endsWith('/.well-known/openid-configuration')
      ? { issuer, jwks_uri: `${ISSUER}/jwks` }
      : { keys: keys.map(({ kid, key }) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' })) };
    return { ok: true, status: 200, json: async () => body };
  };
  return { calls, fetchJson };
};

const sign = (claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; typ?: string; lifetime?: number; issuer?: string; audience?: string } = {}) =>
  jwt.sign({ iat: NOW, exp: NOW + (options.lifetime ?? 3600), iss: options.issuer ?? ISSUER, aud: options.audience ?? AUDIENCE, ...claims }, options.key ?? provider.privateKey, {
    algorithm: 'RS256',
    keyid: options.kid ?? 'k1',
    header: { alg: 'RS256', typ: options.typ ?? 'at+jwt' },
  });

const verifier = (fake = fakeProvider([{ kid: 'k1', key: provider.publicKey }])) => ({ fake, tokens: new OidcAccessTokens({ issuer: ISSUER, audience: AUDIENCE, maxLifetimeSeconds: 12 * 3600 }, fake.fetchJson) });

describe('OidcAccessTokens: the provider\'s access tokens (D49)', () => {
  it('accepts a token the provider signed for this API, with its subject, role and farms', async () => {
    const { tokens } = verifier();
    await expect(tokens.verify(sign({ sub: 'boer-jansen', role: 'farmer', farms: ['nl-drenthe-0001', 'NOT A FARM'] }), NOW)).resolves.toEqual({ sub: 'boer-jansen', role: 'farmer', farms: ['nl-drenthe-0001'] });
  });

  it('fetches the JWKS once, and again only for a key it does not know', async () => {
    const { tokens, fake } = verifier();
    await tokens.verify(sign({ sub: 'a', role: 'farmer' }), NOW);
    await tokens.verify(sign({ sub: 'b', role: 'farmer' }), NOW);
    expect(fake.calls).toHaveLength(2);
  });

  const refusals: Array<[string, () => string, RegExp]> = [
    ['signed by another key under a known kid', () => sign({ sub: 'a', role: 'farmer' }, { key: stranger.privateKey }), /invalid signature/],
    ['signed by a key the provider does not publish', () => sign({ sub: 'a', role: 'farmer' }, { key: stranger.privateKey, kid: 'k2' }), /not one the provider publishes/],
    ['from another issuer', () => sign({ sub: 'a', role: 'farmer' }, { issuer: 'http://evil.example' }), /issuer invalid/],
    ['for another audience (an ID token is for the client)', () => sign({ sub: 'a', role: 'farmer' }, { audience: 'asb-web' }), /audience invalid/],
    ['an ID token (typ JWT)', () => sign({ sub: 'a', role: 'farmer' }, { typ: 'JWT' }), /not an access token/],
    ['expired', () => sign({ sub: 'a', role: 'farmer', exp: NOW - 3600 }), /jwt expired/],
    ['living longer than the ledger allows', () => sign({ sub: 'a', role: 'farmer' }, { lifetime: 48 * 3600 }), /longer than the maximum/],
    ['without a role of the ledger', () => sign({ sub: 'a', role: 'admin' }), /role is not one of/],
    ['without a subject', () => sign({ role: 'farmer' }), /names no subject/],
    ['naming one of the ledger\'s own actors as its subject', () => sign({ sub: 'asb-ledger', role: 'regulator' }), /ledger's own actors/],
    ['unsigned (alg none)', () => jwt.sign({ sub: 'a', role: 'farmer', iss: ISSUER, aud: AUDIENCE, exp: NOW + 60 }, '', { algorithm: 'none', header: { alg: 'none', typ: 'at+jwt' } }), /algorithm none is not accepted/],
    ['signed with HS256', () => jwt.sign({ sub: 'a', role: 'farmer', iss: ISSUER, aud: AUDIENCE, exp: NOW + 60 }, 'secret', { header: { alg: 'HS256', typ: 'at+jwt', kid: 'k1' } }), /algorithm HS256 is not accepted/],
  ];

  it.each(refusals)('refuses a token %s', async (_what, token, message) => {
    const { tokens } = verifier();
    const refused = tokens.verify(token(), NOW);
    await expect(refused).rejects.toBeInstanceOf(TokenRefusedError);
    await expect(refused).rejects.toThrow(message);
  });

  it('refuses every token when the provider names another issuer in its discovery document', async () => {
    const { tokens } = verifier(fakeProvider([{ kid: 'k1', key: provider.publicKey }], 'http://elsewhere'));
    await expect(tokens.verify(sign({ sub: 'a', role: 'farmer' }), NOW)).rejects.toThrow(/names another issuer/);
  });

  it('refuses, without throwing anything else, when the provider cannot be reached', async () => {
    const tokens = new OidcAccessTokens({ issuer: ISSUER, audience: AUDIENCE, maxLifetimeSeconds: 3600 }, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await expect(tokens.verify(sign({ sub: 'a', role: 'farmer' }), NOW)).rejects.toThrow(/could not be reached/);
  });
});

import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const farmer = { sub: 'boer-1', role: 'farmer' as const };

  it('answers a verified token until its expiry, and not after', () => {
    const tokens = new VerifiedTokens();
    tokens.set('t1', farmer, 1_000);
    expect(tokens.get('t1', 999_999)).toEqual(farmer);
    expect(tokens.get('t1', 1_000_000)).toBeUndefined();
    expect(tokens.get('t1', 10)).toBeUndefined(); // dropped once expired
    expect(tokens.get('t2', 10)).toBeUndefined();
  });

  it('holds at most its bound, the oldest going first', () => {
    const tokens = new VerifiedTokens(2);
    tokens.set('a', farmer, 100);
    tokens.set('b', farmer, 100);
    tokens.set('c', farmer, 100);
    expect([tokens.get('a', 0), tokens.get('b', 0), tokens.get('c', 0)]).toEqual([undefined, farmer, farmer]);
  });
});

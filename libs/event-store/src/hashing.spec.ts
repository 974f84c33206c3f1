import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from './hashing';

describe('sha256Hex (D85: crypto.hash in one call)', () => {
  it('is the digest of the text as UTF-8 that a hash object gives, for any text (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 })), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 1_000 },
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { checkpointMessage, checkpointNote, checkSignature, keyIdOf, noteSignature, noteVerifierKey, publishKey, signCheckpoint, type SigningKey } from './checkpoint';

// golang.org/x/mod/sumdb/note's published example (the PeterNeumann key, its text and signed note):
// our signed-note encoding must reproduce it byte for byte, so Go's tools and witnesses read our checkpoints.
const GO_SIGNER_SEED = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'; // base64(0x01 || Ed25519 seed)
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIGNATURE = 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=';

const keyFromSeed = (seed: Buffer): SigningKey => {
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
};
const peter = keyFromSeed(Buffer.from(GO_SIGNER_SEED, 'base64').subarray(1));

describe('checkpoints', () => {
  it("encode keys and signatures as Go's signed notes do (sumdb/note reference example)", () => {
    expect(noteVerifierKey('PeterNeumann', peter.published)).toBe(GO_VERIFIER_KEY);
    expect(noteSignature('PeterNeumann', peter.published, sign(null, Buffer.from(GO_TEXT), peter.privateKey))).toBe(GO_SIGNATURE);
  });

  const body = { log: 'asb.example/ledger', treeSize: 11, rootHash: 'ab'.repeat(32), lastPosition: 12, streams: { count: 5, rootHash: 'cd'.repeat(32) }, issuedAt: '2025-10-01T00:00:00.000Z' };

  it('sign a C2SP tlog-checkpoint note text, with the stream heads, position and time as extension lines', () => {
    const c = signCheckpoint(body, peter);
    expect(checkpointMessage(c).toString()).toBe(
      `asb.example/ledger\n11\n${Buffer.from('ab'.repeat(32), 'hex').toString('base64')}\nasb-streams 5 ${Buffer.from('cd'.repeat(32), 'hex').toString('base64')}\nasb-last-position 12\nasb-issued-at 2025-10-01T00:00:00.000Z\n`,
    );
    expect(checkpointNote(c, peter.published)).toMatch(/\n\n\u2014 asb\.example\/ledger [A-Za-z0-9+/]+=*\n$/);
    expect(checkSignature(c, [peter.published])).toBe('valid');
  });

  it('do not verify once any signed field changes, or under a key the checker does not trust', () => {
    const c = signCheckpoint(body, peter);
    for (const changed of [{ treeSize: 12 }, { rootHash: 'ef'.repeat(32) }, { lastPosition: 13 }, { issuedAt: '2025-10-02T00:00:00.000Z' }, { streams: { count: 4, rootHash: c.streams.rootHash } }, { log: 'other' }]) {
      expect(checkSignature({ ...c, ...changed }, [peter.published])).toBe('invalid');
    }
    const other = keyFromSeed(Buffer.alloc(32, 7));
    expect(checkSignature(c, [other.published])).toBe('unknown_key');
    expect(checkSignature(signCheckpoint(body, other), [peter.published])).toBe('unknown_key');
  });
});

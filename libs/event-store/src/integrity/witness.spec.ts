import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, publishKey, signCheckpoint, type SigningKey } from './checkpoint';
import { leafHash, MerkleTree } from './merkle';
import { compareWitnesses, newWitness, observe, type WitnessState } from './witness';

const newKey = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
};
const key = newKey();
const tree = new MerkleTree(Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from([i]))));
const at = (size: number, signer = key, log = 'asb.example/ledger', root = tree.root(size).toString('hex')) =>
  signCheckpoint({ log, treeSize: size, rootHash: root, lastPosition: size, streams: { count: 1, rootHash: '00'.repeat(32) }, issuedAt: '2025-10-01T00:00:00.000Z' }, signer);
const proof = (first: number, second: number) => ({ first, second, path: tree.consistencyProof(first, second).map((h) => h.toString('hex')) });

const accepted = (state: WitnessState, ...args: Parameters<typeof observe> extends [WitnessState, ...infer R] ? R : never): WitnessState => {
  const seen = observe(state, ...args);
  if (!seen.accepted) throw new Error(seen.reason);
  return seen.state;
};

describe('a witness', () => {
  const start = newWitness('asb.example/ledger', key.published);

  it('keeps the first checkpoint, then each one proven to extend the newest it holds', () => {
    let state = accepted(start, at(10), null);
    state = accepted(state, at(25), proof(10, 25));
    state = accepted(state, at(25), null); // seen before: nothing new, nothing needed
    state = accepted(state, at(40), proof(25, 40));
    expect(state.checkpoints.map((c) => c.treeSize)).toEqual([10, 25, 40]);
  });

  it('refuses a checkpoint without a valid consistency proof, a rollback, another root for a size it holds', () => {
    const state = accepted(accepted(start, at(10), null), at(25), proof(10, 25));
    expect(observe(state, at(30), null)).toMatchObject({ accepted: false, reason: expect.stringContaining('no valid consistency proof') });
    expect(observe(state, at(30), proof(10, 30))).toMatchObject({ accepted: false });
    const forged = at(30, key, 'asb.example/ledger', 'ab'.repeat(32));
    expect(observe(state, forged, proof(25, 30))).toMatchObject({ accepted: false });
    expect(observe(state, at(20), proof(20, 25))).toMatchObject({ accepted: false, reason: expect.stringContaining('truncated or rolled back') });
    expect(observe(state, at(25, key, 'asb.example/ledger', 'cd'.repeat(32)), null)).toMatchObject({ accepted: false, reason: expect.stringContaining('history was rewritten') });
  });

  it('refuses another log, another key, and an altered signature', () => {
    expect(observe(start, at(10, key, 'asb.example/other'), null)).toMatchObject({ accepted: false });
    expect(observe(start, at(10, newKey()), null)).toMatchObject({ accepted: false });
    const c = at(10);
    expect(observe(start, { ...c, issuedAt: '2030-01-01T00:00:00.000Z' }, null)).toMatchObject({ accepted: false });
  });

  it('two witnesses shown different histories find it when they compare', () => {
    const a = accepted(start, at(10), null);
    const b = accepted(start, at(10, key, 'asb.example/ledger', 'ef'.repeat(32)), null);
    expect(compareWitnesses(a, b)).toEqual([{ treeSize: 10, rootA: a.checkpoints[0].rootHash, rootB: 'ef'.repeat(32) }]);
    expect(compareWitnesses(a, accepted(a, at(20), proof(10, 20)))).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  EMPTY_ROOT,
  MerkleTree,
  eventLeaf,
  nodeHash,
  fromHex,
  inclusionProof,
  leafHash,
  merkleRoot,
  rootFromInclusionProof,
  rootOf,
  toHex,
  TreeFrontier,
  UpdatableMerkleTree,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// The Certificate Transparency reference inputs (certificate-transparency-go / transparency-dev
// test data for RFC 6962, whose hashing RFC 9162 keeps): entries, tree heads for sizes 1..8, and
// the published inclusion and consistency proofs over them.
const ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  { index: 0, size: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const CONSISTENCY = [
  { first: 1, second: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const LEAVES = ENTRIES.map(leafHash);
const reference = new MerkleTree(LEAVES);

describe('Merkle trees (RFC 9162 / RFC 6962 hashing)', () => {
  it('gives the reference tree heads for every size, and SHA-256("") for the empty tree', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new MerkleTree().root().equals(EMPTY_ROOT)).toBe(true);
    for (let n = 1; n <= 8; n++) {
      expect(reference.root(n).toString('hex')).toBe(ROOTS[n - 1]);
      expect(rootOf(LEAVES.slice(0, n)).toString('hex')).toBe(ROOTS[n - 1]);
    }
  });

  it.each(INCLUSION)('gives and accepts the reference inclusion proof of leaf $index in $size', ({ index, size, path }) => {
    expect(toHex(reference.inclusionProof(index, size))).toEqual(path);
    expect(verifyInclusion(index, size, LEAVES[index], fromHex(path), Buffer.from(ROOTS[size - 1], 'hex'))).toBe(true);
  });

  it.each(CONSISTENCY)('gives and accepts the reference consistency proof $first → $second', ({ first, second, proof }) => {
    expect(toHex(reference.consistencyProof(first, second))).toEqual(proof);
    expect(verifyConsistency(first, second, Buffer.from(ROOTS[first - 1], 'hex'), Buffer.from(ROOTS[second - 1], 'hex'), fromHex(proof))).toBe(true);
  });

  it('keeps the same roots in O(log n) memory (the verifier\'s frontier)', () => {
    const frontier = new TreeFrontier();
    expect(frontier.root().equals(EMPTY_ROOT)).toBe(true);
    const many = new MerkleTree();
    for (let i = 0; i < 300; i++) {
      const leaf = leafHash(Buffer.from([i % 256, i >> 8]));
      frontier.append(leaf);
      many.append(leaf);
      expect(frontier.root().equals(many.root())).toBe(true);
    }
    LEAVES.forEach((l, i) => expect(rootOf(LEAVES.slice(0, i + 1)).toString('hex')).toBe(ROOTS[i]));
  });

  it('handles the degenerate consistency cases as RFC 9162 does', () => {
    const r4 = reference.root(4);
    expect(verifyConsistency(4, 4, r4, r4, [])).toBe(true);
    expect(verifyConsistency(4, 4, r4, reference.root(5), [])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, reference.root(8), [])).toBe(true);
    expect(verifyConsistency(6, 8, reference.root(6), reference.root(8), [])).toBe(false);
    expect(verifyConsistency(8, 6, reference.root(8), reference.root(6), reference.consistencyProof(6, 8))).toBe(false);
  });

  // Property tests: for any tree and any sizes, every proof verifies and any mutation of it fails.
  const leaves = fc.array(fc.uint8Array({ minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 70 }).map((entries) => entries.map(leafHash));

  it('every inclusion proof verifies; a flipped byte, a wrong index or a dropped step does not', () => {
    fc.assert(
      fc.property(leaves, fc.nat(), fc.nat(), fc.nat(), (ls, a, b, flip) => {
        const tree = new MerkleTree(ls);
        const size = 1 + (a % tree.size);
        const index = b % size;
        const root = tree.root(size);
        const proof = tree.inclusionProof(index, size);
        expect(verifyInclusion(index, size, tree.leaf(index), proof, root)).toBe(true);
        if (proof.length) {
          const mutated = proof.map((p) => Buffer.from(p));
          mutated[flip % mutated.length][flip % 32] ^= 1;
          expect(verifyInclusion(index, size, tree.leaf(index), mutated, root)).toBe(false);
          expect(verifyInclusion(index, size, tree.leaf(index), proof.slice(1), root)).toBe(false);
          const other = (index + 1) % size;
          if (!tree.leaf(other).equals(tree.leaf(index))) expect(verifyInclusion(other, size, tree.leaf(index), proof, root)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every consistency proof verifies; a flipped byte, a truncated proof or a changed old root does not', () => {
    fc.assert(
      fc.property(leaves, fc.nat(), fc.nat(), fc.nat(), (ls, a, b, flip) => {
        const tree = new MerkleTree(ls);
        const second = 1 + (a % tree.size);
        const first = 1 + (b % second);
        const proof = tree.consistencyProof(first, second);
        expect(verifyConsistency(first, second, tree.root(first), tree.root(second), proof)).toBe(true);
        if (proof.length) {
          const mutated = proof.map((p) => Buffer.from(p));
          mutated[flip % mutated.length][flip % 32] ^= 1;
          expect(verifyConsistency(first, second, tree.root(first), tree.root(second), mutated)).toBe(false);
          expect(verifyConsistency(first, second, tree.root(first), tree.root(second), proof.slice(0, -1))).toBe(false);
          const forgedOld = Buffer.from(tree.root(first));
          forgedOld[0] ^= 1;
          expect(verifyConsistency(first, second, forgedOld, tree.root(second), proof)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the hex forms the per-segment seals use', () => {
    const h = (i: number) => createHash('sha256').update(String(i)).digest('hex');
    for (let size = 1; size <= 33; size++) {
      const hashes = Array.from({ length: size }, (_, i) => h(i));
      const root = merkleRoot(hashes);
      for (let i = 0; i < size; i++) expect(rootFromInclusionProof(hashes[i], i, size, inclusionProof(hashes, i))).toBe(root);
    }
    expect(merkleRoot([h(1), h(0)])).not.toBe(merkleRoot([h(0), h(1)]));
  });
});

describe('node and event-leaf hashes in one call (D72)', () => {
  const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
  it('are RFC 9162 hashes over the prefixed bytes, call after call', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (left, right) => {
        const first = nodeHash(left, right);
        const second = nodeHash(right, left);
        expect(first).toEqual(sha(Buffer.from([1]), left, right));
        expect(second).toEqual(sha(Buffer.from([1]), right, left));
        expect(eventLeaf(Buffer.from(left).toString('hex'))).toEqual(sha(Buffer.from([0]), left));
      }),
    );
  });
});

describe('a Merkle tree updated in place (the stream-heads tree)', () => {
  const leaf = (n: number) => leafHash(Buffer.from(`leaf ${n}`));
  it('has after replaced leaves and a cut with appends the roots and proofs of a tree built afresh over its leaves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.oneof(fc.record({ replace: fc.array(fc.nat(), { maxLength: 40 }) }), fc.record({ cut: fc.nat(), add: fc.nat(40) })), { minLength: 1, maxLength: 8 }),
        (size, steps) => {
          let leaves = Array.from({ length: size }, (_, i) => leaf(i));
          const tree = new UpdatableMerkleTree(leaves);
          let next = size;
          for (const step of steps) {
            if ('replace' in step) {
              const indices = [...new Set(step.replace.map((i) => i % leaves.length))].sort((a, b) => a - b);
              const replaced = indices.map(() => leaf(next++));
              tree.update(indices, replaced);
              indices.forEach((index, k) => (leaves[index] = replaced[k]));
            } else {
              const cut = step.cut % (leaves.length + 1);
              tree.truncate(cut);
              leaves = leaves.slice(0, cut);
              for (let k = 0; k < step.add; k++) {
                leaves.push(leaf(next++));
                tree.append(leaves.at(-1)!);
              }
            }
            const fresh = new MerkleTree(leaves);
            expect(tree.size).toBe(leaves.length);
            expect(tree.root().equals(fresh.root())).toBe(true);
            if (leaves.length) {
              const index = next % leaves.length;
              expect(toHex(tree.inclusionProof(index))).toEqual(toHex(fresh.inclusionProof(index)));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses indices out of order or outside the tree', () => {
    const tree = new UpdatableMerkleTree([leaf(0), leaf(1), leaf(2)]);
    expect(() => tree.update([2, 1], [leaf(3), leaf(4)])).toThrow(RangeError);
    expect(() => tree.update([3], [leaf(3)])).toThrow(RangeError);
    expect(() => tree.truncate(4)).toThrow(RangeError);
  });
});

import { createHash } from 'node:crypto';
import { inclusionProof, merkleRoot, rootFromInclusionProof } from './merkle';

const h = (i: number) => createHash('sha256').update(String(i)).digest('hex');

describe('Merkle tree over event hashes (RFC 6962)', () => {
  it('proves inclusion of every leaf for every tree size up to 33', () => {
    for (let size = 1; size <= 33; size++) {
      const leaves = Array.from({ length: size }, (_, i) => h(i));
      const root = merkleRoot(leaves);
      for (let i = 0; i < size; i++) {
        expect(rootFromInclusionProof(leaves[i], i, size, inclusionProof(leaves, i))).toBe(root);
      }
    }
  });

  it('changes the root when a leaf is dropped or two leaves swap', () => {
    const leaves = Array.from({ length: 7 }, (_, i) => h(i));
    const root = merkleRoot(leaves);
    expect(merkleRoot(leaves.slice(0, 6))).not.toBe(root);
    expect(merkleRoot([leaves[1], leaves[0], ...leaves.slice(2)])).not.toBe(root);
  });

  it('rejects a proof for the wrong leaf', () => {
    const leaves = Array.from({ length: 9 }, (_, i) => h(i));
    expect(rootFromInclusionProof(h(99), 4, 9, inclusionProof(leaves, 4))).not.toBe(merkleRoot(leaves));
  });
});

import { createHash } from 'node:crypto';

/**
 * RFC 6962 (Certificate Transparency) Merkle tree hash over event hashes. A seal commits to the
 * root of its segment of the global log; an inclusion proof lets a single farm's bundle show that
 * its events are in a sealed segment without shipping the whole log.
 */
const leafHash = (hex: string): Buffer => createHash('sha256').update(Buffer.from([0])).update(Buffer.from(hex, 'hex')).digest();
const nodeHash = (left: Buffer, right: Buffer): Buffer =>
  createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();

const largestPowerOfTwoBelow = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const mth = (leaves: Buffer[], from: number, to: number): Buffer => {
  const n = to - from;
  if (n === 0) return createHash('sha256').digest();
  if (n === 1) return leaves[from];
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
};

export const merkleRoot = (eventHashes: readonly string[]): string => mth(eventHashes.map(leafHash), 0, eventHashes.length).toString('hex');

/** The audit path for leaf `index` (RFC 6962 §2.1.1), as hex sibling hashes from the bottom up. */
export const inclusionProof = (eventHashes: readonly string[], index: number): string[] => {
  const leaves = eventHashes.map(leafHash);
  const path = (m: number, from: number, to: number): Buffer[] => {
    const n = to - from;
    if (n <= 1) return [];
    const k = largestPowerOfTwoBelow(n);
    return m < k ? [...path(m, from, from + k), mth(leaves, from + k, to)] : [...path(m - k, from + k, to), mth(leaves, from, from + k)];
  };
  return path(index, 0, leaves.length).map((b) => b.toString('hex'));
};

/** Recomputes the root from one event hash, its index, the segment size and its audit path. */
export const rootFromInclusionProof = (eventHash: string, index: number, size: number, proof: readonly string[]): string => {
  const walk = (m: number, n: number, p: readonly string[]): Buffer => {
    if (n === 1) return leafHash(eventHash);
    const k = largestPowerOfTwoBelow(n);
    const sibling = Buffer.from(p[p.length - 1], 'hex');
    const rest = p.slice(0, -1);
    return m < k ? nodeHash(walk(m, k, rest), sibling) : nodeHash(sibling, walk(m - k, n - k, rest));
  };
  if (index < 0 || index >= size) throw new Error('index outside the segment');
  return walk(index, size, proof).toString('hex');
};

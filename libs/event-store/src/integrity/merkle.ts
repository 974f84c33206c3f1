import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency 2.0, same hashing as RFC 6962) Merkle trees: the log's tree
 * over every event hash in position order, the stream-heads tree of a checkpoint, and the older
 * per-segment seals. Pure: no I/O, hashes are 32-byte Buffers.
 */
export type Hash = Buffer;

export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** MTH of one entry: SHA-256(0x00 || entry). */
export const leafHash = (entry: Uint8Array): Hash => createHash('sha256').update(Buffer.from([0])).update(entry).digest();

/**
 * The bytes of an interior node or an event's leaf, hashed in one call: the checkpointer hashes two
 * or three nodes per event and rebuilds the stream-heads tree every interval, and a hash object per
 * node was most of that (D72). Safe to reuse: hashed before anyone else writes into them.
 */
const nodeBytes = Buffer.alloc(65, 1);
const eventLeafBytes = Buffer.alloc(33, 0);

/** An interior node: SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Hash => {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
  nodeBytes.set(left, 1);
  nodeBytes.set(right, 33);
  return hash('sha256', nodeBytes, 'buffer');
};

/** A log leaf: the entry is the event's own SHA-256 (over its stored bytes), as 32 bytes. */
export const eventLeaf = (eventHashHex: string): Hash => {
  if (eventHashHex.length !== 64 || eventLeafBytes.write(eventHashHex, 1, 'hex') !== 32) return leafHash(Buffer.from(eventHashHex, 'hex'));
  return hash('sha256', eventLeafBytes, 'buffer');
};

/** The largest power of two strictly smaller than n (n > 1): RFC 9162's split point. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** One level of complete subtrees, packed in one growing Buffer (millions of 32-byte objects would not fit). */
class Level {
  private bytes = Buffer.alloc(32 * 64);
  count = 0;
  push(hash: Hash): void {
    if ((this.count + 1) * 32 > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    hash.copy(this.bytes, this.count * 32);
    this.count++;
  }
  at(i: number): Hash {
    return this.bytes.subarray(i * 32, i * 32 + 32);
  }
  set(i: number, hash: Hash): void {
    hash.copy(this.bytes, i * 32);
  }
}

/**
 * An append-only Merkle tree that keeps the hash of every complete subtree, so the root of any
 * earlier size, inclusion proofs and consistency proofs cost O(log² n) lookups, not a rehash.
 */
export class MerkleTree {
  protected readonly levels: Level[] = [new Level()];

  constructor(leafHashes: Iterable<Hash> = []) {
    for (const leaf of leafHashes) this.append(leaf);
  }

  get size(): number {
    return this.levels[0].count;
  }

  append(leaf: Hash): void {
    if (leaf.length !== 32) throw new TypeError('a leaf hash has 32 bytes');
    this.levels[0].push(leaf);
    // Close every subtree the new leaf completes.
    for (let level = 0, index = this.size - 1; index % 2 === 1; level++, index >>= 1) {
      if (!this.levels[level + 1]) this.levels.push(new Level());
      this.levels[level + 1].push(nodeHash(this.levels[level].at(index - 1), this.levels[level].at(index)));
    }
  }

  leaf(index: number): Hash {
    return this.levels[0].at(index);
  }

  /** MTH(D[from:to]). */
  private hashOf(from: number, to: number): Hash {
    const n = to - from;
    if (n === 0) return EMPTY_ROOT;
    // A complete, aligned subtree is stored.
    if ((n & (n - 1)) === 0 && from % n === 0) return this.levels[Math.log2(n)].at(from / n);
    const k = splitPoint(n);
    return nodeHash(this.hashOf(from, from + k), this.hashOf(from + k, to));
  }

  root(size = this.size): Hash {
    this.checkSize(size);
    return this.hashOf(0, size);
  }

  /** PATH(index, D[size]) of RFC 9162 §2.1.3.1, from the leaf upwards. */
  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const path = (m: number, from: number, to: number): Hash[] => {
      const n = to - from;
      if (n <= 1) return [];
      const k = splitPoint(n);
      return m < k ? [...path(m, from, from + k), this.hashOf(from + k, to)] : [...path(m - k, from + k, to), this.hashOf(from, from + k)];
    };
    return path(index, 0, size);
  }

  /** PROOF(first, D[second]) of RFC 9162 §2.1.4.1: that the tree of `second` extends the tree of `first`. */
  consistencyProof(first: number, second = this.size): Hash[] {
    this.checkSize(second);
    if (!Number.isInteger(first) || first < 0 || first > second) throw new RangeError(`no consistency proof from ${first} to ${second}`);
    if (first === 0 || first === second) return [];
    const subproof = (m: number, from: number, to: number, whole: boolean): Hash[] => {
      const n = to - from;
      if (m === n) return whole ? [] : [this.hashOf(from, to)];
      const k = splitPoint(n);
      return m <= k
        ? [...subproof(m, from, from + k, whole), this.hashOf(from + k, to)]
        : [...subproof(m - k, from + k, to, false), this.hashOf(from, from + k)];
    };
    return subproof(first, 0, second, true);
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`the tree holds ${this.size} leaves, not ${size}`);
  }
}

/**
 * A Merkle tree whose leaves may change or be cut off and re-appended: the stream-heads tree, where a
 * checkpoint moves a few heads among tens of thousands of streams (D72, second step). Rehashes only the
 * complete subtrees above a changed leaf, each once, so its roots and proofs are those of a tree built
 * afresh over the same leaves. Never the log's tree: that one is append-only.
 */
export class UpdatableMerkleTree extends MerkleTree {
  /** Replaces the leaves at `indices` (ascending, distinct, each below the size) and the subtrees above them. */
  update(indices: readonly number[], leaves: readonly Hash[]): void {
    if (indices.length !== leaves.length) throw new RangeError('one leaf per index');
    let dirty: number[] = [];
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i];
      if (!Number.isInteger(index) || index < 0 || index >= this.size || (i > 0 && index <= indices[i - 1])) throw new RangeError(`leaf ${index} cannot be replaced`);
      if (leaves[i].length !== 32) throw new TypeError('a leaf hash has 32 bytes');
      this.levels[0].set(index, leaves[i]);
      dirty.push(index);
    }
    // Level by level: a parent exists only where its subtree is complete; siblings that both moved share it.
    for (let level = 0; dirty.length && level + 1 < this.levels.length; level++) {
      const above = this.levels[level + 1];
      const parents: number[] = [];
      for (const index of dirty) {
        const parent = index >> 1;
        if (parent >= above.count || parents.at(-1) === parent) continue;
        above.set(parent, nodeHash(this.levels[level].at(2 * parent), this.levels[level].at(2 * parent + 1)));
        parents.push(parent);
      }
      dirty = parents;
    }
  }

  /** Keeps the first `size` leaves and the subtrees within them; the rest is appended again. */
  truncate(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`the tree holds ${this.size} leaves, not ${size}`);
    for (let level = 0; level < this.levels.length; level++) this.levels[level].count = Math.floor(size / 2 ** level);
  }
}

/**
 * The root of a growing tree in O(log n) memory: only the hashes of its complete subtrees, largest
 * first (a "compact range"). Enough for a verifier that compares roots and never answers proofs.
 */
export class TreeFrontier {
  private readonly stack: { size: number; hash: Hash }[] = [];
  size = 0;

  append(leaf: Hash): void {
    let node = { size: 1, hash: leaf };
    while (this.stack.length && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  /** RFC 9162's split puts the largest complete subtree left, so the root folds the stack from the right. */
  root(): Hash {
    if (!this.stack.length) return EMPTY_ROOT;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

export const rootOf = (leafHashes: readonly Hash[]): Hash => new MerkleTree(leafHashes).root();

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof cannot be one
 * for this index and size (wrong length, bad hash size).
 */
export const rootFromInclusion = (index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Hash | null => {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size || leaf.length !== 32) return null;
  let fn = index;
  let sn = size - 1;
  let r: Hash = Buffer.from(leaf);
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
};

export const verifyInclusion = (index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean => {
  const computed = rootFromInclusion(index, size, leaf, proof);
  return computed !== null && computed.equals(root);
};

/** RFC 9162 §2.1.4.2: does the tree of `second` with `secondRoot` extend the tree of `first` with `firstRoot`? */
export const verifyConsistency = (first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean => {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 0 || first > second) return false;
  if (firstRoot.length !== 32 || secondRoot.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0 && Buffer.from(firstRoot).equals(EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Hash = Buffer.from(path[0]);
  let sr: Hash = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
};

export const toHex = (hashes: readonly Hash[]): string[] => hashes.map((h) => h.toString('hex'));
export const fromHex = (hashes: readonly string[]): Hash[] => hashes.map((h) => Buffer.from(h, 'hex'));

// The per-segment seals (LogSealed, before checkpoints) use these hex forms; kept so old seals still verify.

export const merkleRoot = (eventHashes: readonly string[]): string => rootOf(eventHashes.map(eventLeaf)).toString('hex');

export const inclusionProof = (eventHashes: readonly string[], index: number): string[] =>
  toHex(new MerkleTree(eventHashes.map(eventLeaf)).inclusionProof(index));

export const rootFromInclusionProof = (eventHash: string, index: number, size: number, proof: readonly string[]): string => {
  if (index < 0 || index >= size) throw new Error('index outside the segment');
  return rootFromInclusion(index, size, eventLeaf(eventHash), fromHex(proof))?.toString('hex') ?? '';
};

import { fromHex, rootFromInclusion, verifyConsistency, eventLeaf } from './merkle';
import type { SignedCheckpoint } from './checkpoint';
import { streamHeadLeaf, type StreamHeadProof } from './stream-heads';

/** That the event at `leafIndex` is in the tree a checkpoint of `treeSize` signed. */
export type InclusionProof = Readonly<{ leafIndex: number; treeSize: number; path: readonly string[] }>;

/** That the tree of `second` extends the tree of `first` (RFC 9162 §2.1.4). */
export type ConsistencyProof = Readonly<{ first: number; second: number; path: readonly string[] }>;

/** Does the event with `eventHash` sit at the proof's leaf of the checkpoint's tree? */
export const eventIsIncluded = (eventHash: string, proof: InclusionProof, checkpoint: Pick<SignedCheckpoint, 'treeSize' | 'rootHash'>): boolean => {
  if (proof.treeSize !== checkpoint.treeSize || !/^[0-9a-f]{64}$/.test(eventHash)) return false;
  const root = rootFromInclusion(proof.leafIndex, proof.treeSize, eventLeaf(eventHash), fromHex(proof.path));
  return root !== null && root.toString('hex') === checkpoint.rootHash;
};

/** Does the newer checkpoint's log extend the older one's? */
export const checkpointsAreConsistent = (
  older: Pick<SignedCheckpoint, 'treeSize' | 'rootHash'>,
  newer: Pick<SignedCheckpoint, 'treeSize' | 'rootHash'>,
  proof: ConsistencyProof,
): boolean =>
  proof.first === older.treeSize &&
  proof.second === newer.treeSize &&
  verifyConsistency(older.treeSize, newer.treeSize, Buffer.from(older.rootHash, 'hex'), Buffer.from(newer.rootHash, 'hex'), fromHex(proof.path));

/** Is this the head of its stream that the checkpoint committed to? */
export const streamHeadIsCommitted = (proof: StreamHeadProof, checkpoint: Pick<SignedCheckpoint, 'streams'>): boolean => {
  if (proof.count !== checkpoint.streams.count) return false;
  const root = rootFromInclusion(proof.index, proof.count, streamHeadLeaf(proof.head), fromHex(proof.path));
  return root !== null && root.toString('hex') === checkpoint.streams.rootHash;
};

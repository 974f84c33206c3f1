import { checkSignature, describeCheckpoint, type PublishedKey, type SignedCheckpoint } from './checkpoint';
import { checkpointsAreConsistent, type ConsistencyProof } from './log-proofs';

export const WITNESS_FORMAT = 'asb-witness/1';

/**
 * A witness's own record (the regulator's copy): the operator key it pinned on first contact and
 * every checkpoint it accepted, each proven an append-only extension of the one before. The log
 * cannot later be shown to it with anything these checkpoints cover changed, even if the operator's
 * key was stolen and everything re-signed: the witness remembers the old roots.
 */
export type WitnessState = Readonly<{
  format: typeof WITNESS_FORMAT;
  log: string;
  publicKey: PublishedKey;
  checkpoints: readonly SignedCheckpoint[];
}>;

export type Observation =
  | Readonly<{ accepted: true; state: WitnessState; checkpoint: SignedCheckpoint; news: boolean }>
  | Readonly<{ accepted: false; reason: string }>;

export const newWitness = (log: string, publicKey: PublishedKey): WitnessState => ({ format: WITNESS_FORMAT, log, publicKey, checkpoints: [] });

/**
 * Accepts `checkpoint` when it is signed by the pinned key, of the same log, and — shown with a
 * consistency proof from the newest checkpoint the witness holds — extends it. A checkpoint of a
 * size already held must carry the same root.
 */
export const observe = (state: WitnessState, checkpoint: SignedCheckpoint, proof: ConsistencyProof | null): Observation => {
  if (checkpoint.log !== state.log) return { accepted: false, reason: `the checkpoint is of log "${checkpoint.log}", the witness keeps "${state.log}"` };
  const signature = checkSignature(checkpoint, [state.publicKey]);
  if (signature !== 'valid') return { accepted: false, reason: `the ${describeCheckpoint(checkpoint)} is not validly signed by the pinned key ${state.publicKey.keyId} (${signature})` };
  const same = state.checkpoints.find((c) => c.treeSize === checkpoint.treeSize);
  if (same) {
    return same.rootHash === checkpoint.rootHash
      ? { accepted: true, state, checkpoint, news: false }
      : { accepted: false, reason: `the log shows a checkpoint of size ${checkpoint.treeSize} with root ${checkpoint.rootHash.slice(0, 16)}…; the witness holds root ${same.rootHash.slice(0, 16)}… for that size: history was rewritten` };
  }
  const newest = state.checkpoints.at(-1);
  if (newest && checkpoint.treeSize < newest.treeSize) {
    return { accepted: false, reason: `the log's newest checkpoint (size ${checkpoint.treeSize}) is older than one the witness holds (size ${newest.treeSize}): the log was truncated or rolled back` };
  }
  if (newest && (!proof || !checkpointsAreConsistent(newest, checkpoint, proof))) {
    return { accepted: false, reason: `no valid consistency proof from size ${newest.treeSize} to ${checkpoint.treeSize}: the new checkpoint does not extend what the witness saw` };
  }
  return { accepted: true, state: { ...state, checkpoints: [...state.checkpoints, checkpoint] }, checkpoint, news: true };
};

export type WitnessConflict = Readonly<{ treeSize: number; rootA: string; rootB: string }>;

/** Two witnesses of one log compare notes: one size with two roots is a fork shown to them. */
export const compareWitnesses = (a: WitnessState, b: WitnessState): WitnessConflict[] => {
  const roots = new Map(a.checkpoints.map((c) => [c.treeSize, c.rootHash]));
  return b.checkpoints
    .filter((c) => roots.has(c.treeSize) && roots.get(c.treeSize) !== c.rootHash)
    .map((c) => ({ treeSize: c.treeSize, rootA: roots.get(c.treeSize)!, rootB: c.rootHash }));
};

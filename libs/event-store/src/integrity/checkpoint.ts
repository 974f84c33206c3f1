import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

export const CHECKPOINT_FORMAT = 'asb-checkpoint/1';

/**
 * What the operator signs: the size and root of the log's Merkle tree (every event in position
 * order), the root of the stream-heads tree, and when. Like a CT signed tree head or a Go sumdb
 * note: anyone holding one can later demand proof that the log still contains exactly this prefix.
 */
export type CheckpointBody = Readonly<{
  format: typeof CHECKPOINT_FORMAT;
  /** Which log: the operator's name for it (a witness keeps one log's checkpoints). */
  log: string;
  treeSize: number;
  rootHash: string;
  /** Global position of the last event the tree covers (0 for an empty tree). */
  lastPosition: number;
  streams: Readonly<{ count: number; rootHash: string }>;
  issuedAt: string;
  keyId: string;
}>;

export type SignedCheckpoint = CheckpointBody & Readonly<{ signature: string }>;

/** The operator's public key as published at /audit/public-key and in every bundle. */
export type PublishedKey = Readonly<{ keyId: string; algorithm: 'Ed25519'; publicKey: string }>;

export type SigningKey = Readonly<{ keyId: string; privateKey: KeyObject; published: PublishedKey }>;

/** Key id: the first 16 hex digits of SHA-256 over the public key's SPKI DER (as Go's sumdb note keys). */
export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);

export const publishKey = (publicKey: KeyObject): PublishedKey => ({
  keyId: keyIdOf(publicKey),
  algorithm: 'Ed25519',
  publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
});

export const publicKeyObject = (key: PublishedKey): KeyObject => createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });

const bodyOf = (c: CheckpointBody): CheckpointBody => ({
  format: c.format,
  log: c.log,
  treeSize: c.treeSize,
  rootHash: c.rootHash,
  lastPosition: c.lastPosition,
  streams: { count: c.streams.count, rootHash: c.streams.rootHash },
  issuedAt: c.issuedAt,
  keyId: c.keyId,
});

/** The signed bytes: the body's fields in RFC 8785 canonical JSON (nothing unsigned can ride along). */
export const checkpointMessage = (c: CheckpointBody): Buffer => Buffer.from(canonicalJson(bodyOf(c)), 'utf8');

export const signCheckpoint = (body: Omit<CheckpointBody, 'format' | 'keyId'>, key: SigningKey): SignedCheckpoint => {
  const full: CheckpointBody = bodyOf({ ...body, format: CHECKPOINT_FORMAT, keyId: key.keyId });
  return { ...full, signature: sign(null, checkpointMessage(full), key.privateKey).toString('base64') };
};

export type SignatureCheck = 'valid' | 'unknown_key' | 'invalid';

/** Checks a checkpoint's signature against the keys the checker trusts (never a key the checkpoint brings). */
export const checkSignature = (c: SignedCheckpoint, trusted: readonly PublishedKey[]): SignatureCheck => {
  const key = trusted.find((k) => k.keyId === c.keyId);
  if (!key) return 'unknown_key';
  try {
    if (c.format !== CHECKPOINT_FORMAT) return 'invalid';
    return verify(null, checkpointMessage(c), publicKeyObject(key), Buffer.from(c.signature, 'base64')) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
};

export const describeCheckpoint = (c: Pick<CheckpointBody, 'treeSize' | 'rootHash' | 'issuedAt'>): string =>
  `checkpoint of size ${c.treeSize} (${c.issuedAt}, root ${c.rootHash.slice(0, 16)}…)`;

import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

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

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/**
 * The signed bytes: a C2SP tlog-checkpoint note text — origin, tree size, base64 root — with our
 * commitments as extension lines, so the log's signature can be checked by any signed-note
 * verifier (Go's sumdb note package, the witness network's tools) as well as by ours.
 */
export const checkpointMessage = (c: CheckpointBody): Buffer => {
  if (!/^[\x21-\x7e]+$/.test(c.log) || c.log.includes('+')) throw new Error('a log name is printable ASCII without spaces or +');
  const lines = [
    c.log,
    String(c.treeSize),
    b64(c.rootHash),
    `asb-streams ${c.streams.count} ${b64(c.streams.rootHash)}`,
    `asb-last-position ${c.lastPosition}`,
    `asb-issued-at ${c.issuedAt}`,
  ];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
};

/** The signed-note key hash: SHA-256(name || 0x0A || 0x01 || public key)[:4] (0x01 = Ed25519). */
const noteKeyHash = (name: string, rawPublicKey: Buffer): Buffer =>
  createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([1]), rawPublicKey])).digest().subarray(0, 4);

const rawPublicKey = (key: PublishedKey): Buffer => Buffer.from(key.publicKey, 'base64').subarray(-32);

/** The verifier key in signed-note form: `<name>+<hex key hash>+<base64(0x01 || key)>`. */
export const noteVerifierKey = (name: string, key: PublishedKey): string =>
  `${name}+${noteKeyHash(name, rawPublicKey(key)).toString('hex')}+${Buffer.concat([Buffer.from([1]), rawPublicKey(key)]).toString('base64')}`;

/** A signed-note signature line's base64: the 4-byte key hash, then the Ed25519 signature. */
export const noteSignature = (name: string, key: PublishedKey, signature: Buffer): string =>
  Buffer.concat([noteKeyHash(name, rawPublicKey(key)), signature]).toString('base64');

/** The checkpoint as a complete signed note (text, blank line, one signature line), as GET /audit/checkpoint serves it. */
export const checkpointNote = (c: SignedCheckpoint, key: PublishedKey): string =>
  `${checkpointMessage(c).toString('utf8')}\n\u2014 ${c.log} ${noteSignature(c.log, key, Buffer.from(c.signature, 'base64'))}\n`;

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

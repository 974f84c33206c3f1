import { createHash } from 'node:crypto';
import type { StoredEvent } from '../event-envelope';
import { readAllInBatches, type EventStore } from '../event-store.port';
import { canonicalBody, GENESIS_HASH } from '../hashing';
import { checkSignature, describeCheckpoint, type PublishedKey, type SignedCheckpoint } from './checkpoint';
import type { Checkpointer } from './checkpointer';
import { verifyLegacyBundle, LEGACY_BUNDLE_FORMAT, type LegacyAuditBundle } from './legacy-bundle';
import { eventIsIncluded, streamHeadIsCommitted } from './log-proofs';
import { eventLeaf, MerkleTree } from './merkle';
import { StreamHeads, type StreamHead, type StreamHeadProof } from './stream-heads';
import { byPlace, type VerifyFailure, type VerifyOptions, type VerifyReport } from './verifier';

export const BUNDLE_FORMAT = 'asb-audit-bundle/2';

/**
 * One event of a bundle: its stored bytes and where it sits in the checkpointed tree. Nothing
 * parsed travels beside the bytes: a reader's figures are parsed from what the hash covers.
 */
export type BundleEvent = Readonly<{ position: number; leafIndex: number; hash: string; raw: string; path?: readonly string[] }>;

/**
 * An audit bundle, checkable offline: a signed checkpoint, the operator's public key, events as
 * stored. A log bundle holds every event the checkpoint covers and every stream head it committed
 * to; a streams bundle holds whole streams, each event with its inclusion proof and each stream
 * with its committed head, so that it proves the streams complete up to the checkpoint.
 */
export type AuditBundle = Readonly<{
  format: typeof BUNDLE_FORMAT;
  scope: Readonly<{ kind: 'log' } | { kind: 'streams'; label: string; streams: readonly string[] }>;
  checkpoint: SignedCheckpoint;
  publicKey: PublishedKey;
  events: readonly BundleEvent[];
  /** Log bundle: every committed head. Streams bundle: each stream's head with its proof. */
  streamHeads: readonly (StreamHead | StreamHeadProof)[];
}>;

export class UnusableBundleError extends Error {
  readonly code = 'UNUSABLE_BUNDLE';
}

const stored = (e: StoredEvent): string => e.raw ?? canonicalBody(e);

export const exportLogBundle = async (log: EventStore, checkpoint: SignedCheckpoint, publicKey: PublishedKey): Promise<AuditBundle> => {
  const events: BundleEvent[] = [];
  const heads = new Map<string, StreamHead>();
  for await (const batch of readAllInBatches(log, { upTo: checkpoint.lastPosition })) {
    for (const e of batch) {
      events.push({ position: e.position, leafIndex: events.length, hash: e.hash, raw: stored(e) });
      heads.set(e.streamId, { streamId: e.streamId, revision: e.revision, hash: e.hash });
    }
  }
  if (events.length !== checkpoint.treeSize) throw new Error(`the log holds ${events.length} events up to position ${checkpoint.lastPosition}, the checkpoint ${checkpoint.treeSize}: run asb verify`);
  const streamHeads = [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  return { format: BUNDLE_FORMAT, scope: { kind: 'log' }, checkpoint, publicKey, events, streamHeads };
};

export const exportStreamsBundle = async (
  log: EventStore,
  checkpointer: Checkpointer,
  checkpoint: SignedCheckpoint,
  publicKey: PublishedKey,
  label: string,
  streamIds: readonly string[],
): Promise<AuditBundle> => {
  const events: BundleEvent[] = [];
  const streamHeads: StreamHeadProof[] = [];
  const present: string[] = [];
  for (const streamId of streamIds) {
    const head = await checkpointer.streamHead(streamId, checkpoint.treeSize);
    if (!head) continue; // not in the log at this checkpoint
    present.push(streamId);
    streamHeads.push(head);
    for (const e of await log.readStream(streamId, { maxCount: head.head.revision + 1 })) {
      const proof = await checkpointer.inclusion(e.position, checkpoint.treeSize);
      if (!proof) throw new Error(`event ${e.streamId}@${e.revision} is not in the checkpoint of size ${checkpoint.treeSize}: run asb verify`);
      events.push({ position: e.position, leafIndex: proof.leafIndex, hash: e.hash, raw: stored(e), path: proof.path });
    }
  }
  events.sort((a, b) => a.position - b.position);
  return { format: BUNDLE_FORMAT, scope: { kind: 'streams', label, streams: present }, checkpoint, publicKey, events, streamHeads };
};

type Parsed = { streamId: string; revision: number; prevHash: string; id: string; type: string };

const parse = (raw: string): Parsed | null => {
  try {
    const e = JSON.parse(raw) as Parsed;
    return typeof e.streamId === 'string' && typeof e.revision === 'number' && typeof e.prevHash === 'string' ? e : null;
  } catch {
    return null;
  }
};

/** The events of a bundle as a reader sees them: parsed from the stored bytes, nothing else. */
export const bundleEvents = (bundle: AuditBundle): StoredEvent[] =>
  bundle.events.map((e) => ({ ...(JSON.parse(e.raw) as StoredEvent), position: e.position, hash: e.hash, raw: e.raw }));

/**
 * Checks a bundle without the database. Trusts the key the caller pins (`trustedKeys`, e.g. from a
 * witness file or the published key), and only the bundle's own key when none is pinned — the report
 * then says so, since anyone can sign a bundle with a key of their own.
 */
export const verifyBundle = async (input: unknown, options: VerifyOptions = {}): Promise<VerifyReport & { keyPinned: boolean }> => {
  const format = (input as { format?: unknown } | null)?.format;
  if (format === LEGACY_BUNDLE_FORMAT) return { ...(await verifyLegacyBundle(input as LegacyAuditBundle)), keyPinned: false };
  if (format !== BUNDLE_FORMAT) throw new UnusableBundleError(`not an audit bundle (format ${JSON.stringify(format)})`);
  const bundle = input as AuditBundle;
  if (!bundle.checkpoint || !bundle.publicKey || !Array.isArray(bundle.events) || !Array.isArray(bundle.streamHeads) || !bundle.scope) {
    throw new UnusableBundleError('the bundle lacks its checkpoint, key, events or stream heads');
  }
  const failures: VerifyFailure[] = [];
  const fail = (f: VerifyFailure) => failures.length < 100 && failures.push(f);
  const cp = bundle.checkpoint;
  const keyPinned = !!options.trustedKeys?.length;
  const signature = checkSignature(cp, keyPinned ? options.trustedKeys! : [bundle.publicKey]);
  if (signature !== 'valid') {
    fail({ kind: 'checkpoint_signature_invalid', message: `the bundle's ${describeCheckpoint(cp)} ${signature === 'unknown_key' ? `is signed with key ${cp.keyId}, not the pinned operator key` : 'has a signature that does not verify'}`, treeSize: cp.treeSize, source: 'bundle' });
  }
  for (const w of options.witnessed ?? []) {
    if (w.treeSize === cp.treeSize && w.rootHash !== cp.rootHash) {
      fail({ kind: 'checkpoint_forked', message: `the witness holds a checkpoint of size ${w.treeSize} with another root: the bundle shows a different history`, treeSize: w.treeSize, source: 'witness' });
    }
  }

  const streams = new Map<string, { revision: number; hash: string; position: number }>();
  const tree = new MerkleTree();
  let previousPosition = 0;
  for (const [i, event] of bundle.events.entries()) {
    const hash = createHash('sha256').update(event.raw, 'utf8').digest('hex');
    const e = parse(event.raw);
    const where = { position: event.position, ...(e ? { streamId: e.streamId, revision: e.revision, eventId: e.id, type: e.type } : {}) };
    if (!e) {
      fail({ kind: 'content_unreadable', message: `the bytes at position ${event.position} are not a readable event`, ...where });
      continue;
    }
    const name = `${e.type} ${e.streamId}@${e.revision} (position ${event.position})`;
    if (hash !== event.hash) fail({ kind: 'content_altered', message: `${name} does not match its hash: its stored bytes were altered`, ...where });
    if (event.position <= previousPosition) fail({ kind: 'bundle_malformed', message: `${name} is out of position order`, ...where });
    previousPosition = event.position;
    const previous = streams.get(e.streamId);
    const expected = previous ? previous.revision + 1 : 0;
    if (e.revision !== expected) fail({ kind: 'revision_gap', message: `stream ${e.streamId}: expected revision ${expected}, found ${e.revision} at position ${event.position}: ${e.revision > expected ? `revisions ${expected}..${e.revision - 1} are missing` : 'out of order'}`, ...where });
    else if (e.prevHash !== (previous?.hash ?? GENESIS_HASH)) fail({ kind: 'chain_broken', message: `${name} does not link to the event before it in its stream`, ...where });
    streams.set(e.streamId, { revision: e.revision, hash, position: event.position });
    if (bundle.scope.kind === 'log') {
      if (event.leafIndex !== i) fail({ kind: 'bundle_malformed', message: `${name} claims leaf ${event.leafIndex}, it is the bundle's event ${i}`, ...where });
      tree.append(eventLeaf(hash));
    } else if (!eventIsIncluded(hash, { leafIndex: event.leafIndex, treeSize: cp.treeSize, path: event.path ?? [] }, cp)) {
      fail({ kind: 'checkpoint_mismatch', message: `${name} is not in the tree the checkpoint of size ${cp.treeSize} signed (its inclusion proof does not lead to the signed root)`, treeSize: cp.treeSize, source: 'bundle', ...where });
    }
  }

  if (bundle.scope.kind === 'log') {
    // Every committed head, checked against the signed streams root, then against the bundle's streams.
    const committed = bundle.streamHeads as StreamHead[];
    const heads = new StreamHeads();
    committed.forEach((h) => heads.set(h.streamId, h.revision, h.hash));
    if (heads.count !== cp.streams.count || heads.root() !== cp.streams.rootHash) {
      fail({ kind: 'stream_heads_mismatch', message: `the bundle's stream heads are not those the checkpoint of size ${cp.treeSize} committed to`, treeSize: cp.treeSize, source: 'bundle' });
    } else {
      for (const h of committed) {
        const found = streams.get(h.streamId);
        if (!found || found.revision < h.revision) {
          fail({ kind: 'stream_incomplete', message: `stream ${h.streamId} ${found ? `ends at revision ${found.revision}` : 'is missing'}; the checkpoint committed to revision ${h.revision}: ${found ? `revisions ${found.revision + 1}..${h.revision}` : 'the whole stream'} dropped from the bundle`, streamId: h.streamId, revision: (found?.revision ?? -1) + 1, position: found?.position, treeSize: cp.treeSize });
        } else if (found.hash !== h.hash) {
          fail({ kind: 'stream_incomplete', message: `stream ${h.streamId} ends at revision ${found.revision} with another hash than the checkpoint committed to`, streamId: h.streamId, revision: found.revision, position: found.position, treeSize: cp.treeSize });
        }
      }
    }
    if (tree.size !== cp.treeSize || tree.root().toString('hex') !== cp.rootHash) {
      const last = bundle.events.at(-1)?.position ?? 0;
      fail({
        kind: 'checkpoint_mismatch',
        message: `the bundle holds ${tree.size} events, the checkpoint signed ${cp.treeSize}${tree.size === cp.treeSize ? ' with another root' : ''}: events were dropped, added or reordered${tree.size < cp.treeSize && last < cp.lastPosition ? ` (the tail after position ${last} is missing)` : ''}`,
        treeSize: cp.treeSize,
        source: 'bundle',
        position: Math.min(last, cp.lastPosition) || undefined,
        range: { fromPosition: 1, toPosition: cp.lastPosition },
      });
    }
  } else {
    const proofs = new Map((bundle.streamHeads as StreamHeadProof[]).map((p) => [p.head?.streamId, p]));
    for (const streamId of bundle.scope.streams) {
      const proof = proofs.get(streamId);
      const found = streams.get(streamId);
      if (!proof || !streamHeadIsCommitted(proof, cp)) {
        fail({ kind: 'stream_incomplete', message: `stream ${streamId} has no valid proof of its head at the checkpoint: its completeness cannot be shown`, streamId, treeSize: cp.treeSize });
      } else if (!found || found.revision < proof.head.revision) {
        fail({ kind: 'stream_incomplete', message: `stream ${streamId} ${found ? `ends at revision ${found.revision}` : 'has no events in the bundle'}; the checkpoint committed to revision ${proof.head.revision}: ${found ? `revisions ${found.revision + 1}..${proof.head.revision}` : 'every event'} dropped`, streamId, revision: (found?.revision ?? -1) + 1, position: found?.position, treeSize: cp.treeSize });
      } else if (found.revision > proof.head.revision || found.hash !== proof.head.hash) {
        fail({ kind: 'stream_incomplete', message: `stream ${streamId} ends at revision ${found.revision}, which is not the head the checkpoint committed to`, streamId, revision: found.revision, position: found.position, treeSize: cp.treeSize });
      }
    }
    for (const streamId of streams.keys()) {
      if (!bundle.scope.streams.includes(streamId)) fail({ kind: 'bundle_malformed', message: `stream ${streamId} is in the bundle but not in its scope`, streamId });
    }
  }

  failures.sort(byPlace);
  return {
    ok: failures.length === 0,
    keyPinned,
    checkedEvents: bundle.events.length,
    checkedStreams: streams.size,
    checkedSeals: 0,
    checkedCheckpoints: 1,
    witnessedCheckpoints: options.witnessed?.length ?? 0,
    newestCheckpoint: { treeSize: cp.treeSize, rootHash: cp.rootHash, issuedAt: cp.issuedAt, lastPosition: cp.lastPosition, keyId: cp.keyId },
    uncheckpointedEvents: 0,
    uncheckpointedSince: null,
    lastPosition: bundle.events.at(-1)?.position ?? 0,
    firstFailure: failures[0] ?? null,
    failures,
  };
};

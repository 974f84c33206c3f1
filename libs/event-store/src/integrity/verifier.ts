import type { StoredEvent } from '../event-envelope';
import type { IndexMismatch } from '../event-store.port';
import { GENESIS_HASH, recomputeHash } from '../hashing';
import { checkSignature, describeCheckpoint, type PublishedKey, type SignedCheckpoint } from './checkpoint';
import type { LeafRecord } from './checkpoint-store';
import { eventLeaf, merkleRoot, TreeFrontier } from './merkle';
import type { LogSealed } from './seal';
import { StreamHeads } from './stream-heads';

export type VerifyFailureKind =
  /** The event's stored bytes do not match its own hash. */
  | 'content_altered'
  /** The stored bytes are not an event at all (not JSON, fields missing). */
  | 'content_unreadable'
  /** The event's hash verifies, but a checkpoint committed to another hash at its place: rewritten, hash recomputed. */
  | 'event_rewritten'
  /** A checkpoint committed to an event the log no longer holds. */
  | 'event_deleted'
  /** The log holds an event where the checkpointed tree has none. */
  | 'event_inserted'
  /** Positions that were assigned (the embedded store never reuses or skips one) are missing. */
  | 'events_missing'
  | 'revision_gap'
  | 'chain_broken'
  /** The log's Merkle root at a checkpoint's size differs from the signed root; names the range when nothing narrower is known. */
  | 'checkpoint_mismatch'
  | 'checkpoint_signature_invalid'
  /** A checkpoint (or a witness's copy of one) covers more events than the log holds. */
  | 'checkpoint_beyond_log'
  /** A checkpoint that existed (the witness saw it, or the leaf record reaches past it) is gone. */
  | 'checkpoint_missing'
  /** Two validly signed checkpoints of one size with different roots: the operator's key signed two histories. */
  | 'checkpoint_forked'
  /** The stream heads a checkpoint signed are not the heads of the log it signed. */
  | 'stream_heads_mismatch'
  /** The log's last event of a stream is not the head the store recorded for it in the same transaction. */
  | 'stream_head_differs'
  /** The columns the store reads by (stream, revision, id, type, recorded time) disagree with the hashed bytes. */
  | 'index_altered'
  /** The checkpointer's leaf record does not reproduce the signed roots: it was altered (it is then not used to name events). */
  | 'leaf_record_altered'
  /** A bundle's stream does not end at the head its checkpoint committed to. */
  | 'stream_incomplete'
  | 'seal_mismatch'
  | 'seal_chain_broken'
  | 'seal_beyond_log'
  | 'storage_damaged'
  | 'unreadable'
  /** A bundle that is not one (missing parts, wrong format). */
  | 'bundle_malformed';

export type VerifyFailure = Readonly<{
  kind: VerifyFailureKind;
  message: string;
  position?: number;
  streamId?: string;
  revision?: number;
  eventId?: string;
  type?: string;
  sealNo?: number;
  /** The checkpoint (tree size) the finding is measured against. */
  treeSize?: number;
  /** Where the event cannot be named: the positions the change lies within (inclusive). */
  range?: Readonly<{ fromPosition: number; toPosition: number }>;
  /** Where the checkpoint came from: the store's own, or a witness's copy. */
  source?: 'store' | 'witness' | 'bundle';
}>;

export type CheckpointSummary = Readonly<{ treeSize: number; rootHash: string; issuedAt: string; lastPosition: number; keyId: string }>;

export type VerifyReport = Readonly<{
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  checkedSeals: number;
  checkedCheckpoints: number;
  witnessedCheckpoints: number;
  newestCheckpoint: CheckpointSummary | null;
  /** Events after the newest checkpoint: chained per stream, not yet under a signed root. */
  uncheckpointedEvents: number;
  /**
   * When the oldest of them was recorded: far older than the checkpoint interval means checkpoints
   * stopped or were removed, and those events are protected only by their hash chain.
   */
  uncheckpointedSince: string | null;
  lastPosition: number;
  firstFailure: VerifyFailure | null;
  failures: VerifyFailure[];
}>;

export type VerifySource = Readonly<{
  /** The old per-segment seal events, in order (read first: a seal stands after the segment it covers). */
  seals: () => Promise<StoredEvent[]>;
  /** The global log, in position order. */
  batches: () => AsyncIterable<StoredEvent[]>;
  /** The storage engine's own check of its file, where it has one; null when sound. */
  storage?: () => Promise<string | null>;
  /** The store's signed checkpoints. */
  checkpoints?: () => Promise<SignedCheckpoint[]>;
  /** The checkpointer's leaf record, in leaf order. */
  leafRecord?: () => AsyncIterable<LeafRecord[]>;
  /** Where positions are gap-free (the embedded store): the highest position ever assigned. */
  assignedHead?: () => Promise<number | null>;
  /** Each stream's head as the engine records it beside the log, where it does. */
  recordedHeads?: () => Promise<Map<string, { revision: number; hash: string }>>;
  /** Events whose read-by columns disagree with their hashed bytes, where the engine keeps such columns. */
  indexes?: () => Promise<IndexMismatch[]>;
}>;

export type VerifyOptions = Readonly<{
  /** The operator keys checkpoints must be signed with. */
  trustedKeys?: readonly PublishedKey[];
  /** Checkpoints a witness kept: the log must extend each of them. */
  witnessed?: readonly SignedCheckpoint[];
}>;

const MAX_FAILURES = 100;

/** Findings in log order; at one position, the one that names an event before the one that names a range. */
export const byPlace = (a: VerifyFailure, b: VerifyFailure): number =>
  (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || Number(!a.eventId) - Number(!b.eventId);

type Target = { checkpoint: SignedCheckpoint; source: 'store' | 'witness' };
type Candidate = { failure: VerifyFailure; recordIndex: number };

const named = (e: { position: number; streamId: string; revision: number; id?: string; eventId?: string; type: string }) => ({
  position: e.position,
  streamId: e.streamId,
  revision: e.revision,
  eventId: e.id ?? e.eventId,
  type: e.type,
});
const label = (e: { streamId: string; revision: number; position: number; type: string }) => `${e.type} ${e.streamId}@${e.revision} (position ${e.position})`;

/**
 * Walks the global log once and reports every finding to the end:
 *  - each event against its own hash, its stream's revisions and hash links;
 *  - the log's Merkle tree against every signed checkpoint (and every checkpoint a witness kept),
 *    and the stream heads against the newest and the witnessed ones;
 *  - where a root differs, the checkpointer's leaf record — believed only as far as it reproduces
 *    the signed roots — names the rewritten, deleted or inserted event; without it, the range
 *    between the last matching and the first differing checkpoint is named;
 *  - the old per-segment seals, as before checkpoints replaced them.
 */
export const verifyLog = async (source: VerifySource, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const failures: VerifyFailure[] = [];
  const fail = (f: VerifyFailure) => {
    if (failures.length < MAX_FAILURES) failures.push(f);
  };
  /** A part of the store that cannot be read is a finding; the verification goes on without it. */
  const attempt = async <T>(what: string, read: () => Promise<T> | undefined): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      fail({ kind: 'unreadable', message: `${what} could not be read: ${(error as Error).message}` });
      return undefined;
    }
  };
  const damage = await attempt('the storage engine check', () => source.storage?.());
  if (damage) fail({ kind: 'storage_damaged', message: `the storage engine reports damage to the stored file: ${damage}` });

  // --- Checkpoints: signatures, and which roots to expect at which sizes.
  const trusted = options.trustedKeys ?? [];
  const stored = [...((await attempt('the checkpoints', () => source.checkpoints?.())) ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  const validStored: SignedCheckpoint[] = [];
  for (const c of stored) {
    const check = checkSignature(c, trusted);
    if (check === 'valid') validStored.push(c);
    else fail({ kind: 'checkpoint_signature_invalid', message: `${describeCheckpoint(c)} ${check === 'unknown_key' ? `is signed with key ${c.keyId}, which is not the operator's` : 'has a signature that does not verify: it was altered or forged'}`, treeSize: c.treeSize, source: 'store' });
  }
  const newest = validStored.at(-1) ?? null;
  const targets = new Map<number, Target[]>();
  const addTarget = (t: Target) => targets.set(t.checkpoint.treeSize, [...(targets.get(t.checkpoint.treeSize) ?? []), t]);
  validStored.forEach((checkpoint) => addTarget({ checkpoint, source: 'store' }));
  const witnessed = options.witnessed ?? [];
  for (const w of witnessed) {
    const check = checkSignature(w, trusted);
    if (check !== 'valid') {
      fail({ kind: 'checkpoint_signature_invalid', message: `the witness's ${describeCheckpoint(w)} is not validly signed by the operator's key (${check})`, treeSize: w.treeSize, source: 'witness' });
      continue;
    }
    const same = stored.find((c) => c.treeSize === w.treeSize);
    if (!same) {
      fail({ kind: 'checkpoint_missing', message: `the witness holds a ${describeCheckpoint(w)} that the store no longer has: checkpoints were removed`, treeSize: w.treeSize, source: 'witness' });
    } else if (same.rootHash !== w.rootHash && validStored.includes(same)) {
      fail({ kind: 'checkpoint_forked', message: `two checkpoints of size ${w.treeSize} are validly signed with different roots (witness ${w.rootHash.slice(0, 16)}…, store ${same.rootHash.slice(0, 16)}…): history was rewritten and re-signed with the operator's key`, treeSize: w.treeSize, source: 'witness' });
    }
    addTarget({ checkpoint: w, source: 'witness' });
  }
  const sizes = [...targets.keys()].sort((a, b) => a - b);
  const headsAt = new Set<number>([...(newest ? [newest.treeSize] : []), ...witnessed.map((w) => w.treeSize)]);
  const rootMatches = new Map<number, boolean>();

  // --- The leaf record, pulled alongside the log and believed only as far as it reproduces signed roots.
  const recordIterator = source.leafRecord?.()[Symbol.asyncIterator]();
  let recordBuffer: LeafRecord[] = [];
  const recordTree = new TreeFrontier();
  let recordBroken = !recordIterator;
  let recordBrokenAt: { size: number; why: string } | null = null;
  let recordTrusted = 0;
  let recordLastPosition = 0;
  const pullRecord = async (): Promise<LeafRecord | null> => {
    if (!recordIterator) return null;
    if (!recordBuffer.length) {
      let next: IteratorResult<LeafRecord[]>;
      try {
        next = await recordIterator.next();
      } catch (error) {
        recordBroken = true;
        recordBrokenAt ??= { size: recordTree.size, why: `it could not be read past leaf ${recordTree.size} (${(error as Error).message})` };
        return null;
      }
      if (next.done) return null;
      recordBuffer = [...next.value];
    }
    const leaf = recordBuffer.shift()!;
    if (leaf.leafIndex !== recordTree.size && !recordBroken) {
      recordBroken = true;
      recordBrokenAt ??= { size: recordTree.size, why: `leaf ${recordTree.size} is missing or out of order` };
    }
    recordTree.append(eventLeaf(leaf.hash));
    recordLastPosition = leaf.position;
    for (const t of targets.get(recordTree.size) ?? []) {
      if (recordBroken || recordTree.root().toString('hex') !== t.checkpoint.rootHash) {
        recordBroken = true;
        recordBrokenAt ??= { size: recordTree.size, why: `its first ${recordTree.size} leaves do not give the root of the ${t.source === 'witness' ? "witness's " : ''}checkpoint of that size` };
      }
      else recordTrusted = recordTree.size;
    }
    return leaf;
  };
  const candidates: Candidate[] = [];

  // --- Old seals (LogSealed), checked as before.
  const seals = ((await attempt('the seals', () => source.seals())) ?? []).map((e) => ({ event: e, seal: e.data as LogSealed }));
  let sealIndex = 0;
  let segment: string[] = [];
  let segmentStart = 0;
  let previousSealHash: string | null = null;
  const closeSeal = () => {
    const { event, seal } = seals[sealIndex];
    if (seal.previousSealHash !== previousSealHash) {
      fail({ kind: 'seal_chain_broken', message: `seal ${seal.sealNo} does not link to the seal before it`, sealNo: seal.sealNo, position: event.position });
    }
    if (seal.afterPosition !== segmentStart) {
      fail({ kind: 'seal_mismatch', message: `seal ${seal.sealNo} starts after ${seal.afterPosition}, the previous seal ended at ${segmentStart}`, sealNo: seal.sealNo });
    }
    const root = merkleRoot(segment);
    if (root !== seal.merkleRoot || segment.length !== seal.eventCount) {
      fail({
        kind: 'seal_mismatch',
        message: `seal ${seal.sealNo} over positions ${seal.afterPosition + 1}..${seal.upToPosition} commits to ${seal.eventCount} events, the log holds ${segment.length}${root !== seal.merkleRoot ? ' and their Merkle root differs' : ''}: an event was removed, inserted or reordered`,
        sealNo: seal.sealNo,
        position: seal.upToPosition,
        range: { fromPosition: seal.afterPosition + 1, toPosition: seal.upToPosition },
      });
    }
    previousSealHash = event.hash;
    segmentStart = seal.upToPosition;
    segment = [];
    sealIndex++;
  };

  // --- The walk.
  const tree = new TreeFrontier();
  const heads = new StreamHeads();
  const streams = new Map<string, { revision: number; hash: string; position: number }>();
  const gaps: { from: number; to: number }[] = [];
  let lastPosition = 0;
  let record = await pullRecord();
  let readToEnd = true;
  let unreadableSeen = false;
  let uncheckpointedSince: string | null = null; // its stream is unknown, so stream heads cannot be compared after it
  const checkTargets = () => {
    for (const t of targets.get(tree.size) ?? []) {
      const matches = tree.root().toString('hex') === t.checkpoint.rootHash;
      rootMatches.set(tree.size, (rootMatches.get(tree.size) ?? true) && matches);
      if (matches && !unreadableSeen && headsAt.has(tree.size) && heads.root() !== t.checkpoint.streams.rootHash) {
        fail({ kind: 'stream_heads_mismatch', message: `${describeCheckpoint(t.checkpoint)} commits to stream heads that are not those of the log it covers: the operator signed a false head`, treeSize: tree.size, source: t.source, position: t.checkpoint.lastPosition });
      }
    }
  };
  checkTargets();
  try {
    for await (const batch of source.batches()) {
      for (const event of batch) {
        while (sealIndex < seals.length && seals[sealIndex].seal.upToPosition < event.position) closeSeal();
        if (source.assignedHead && event.position !== lastPosition + 1) gaps.push({ from: lastPosition + 1, to: event.position - 1 });
        lastPosition = event.position;
        // The leaf record beside the log: what a checkpoint saw at this place.
        while (record && record.position < event.position) {
          candidates.push({ recordIndex: record.leafIndex, failure: { kind: 'event_deleted', message: `${label(record)} was under a checkpoint and is gone from the log`, ...named(record) } });
          record = await pullRecord();
        }
        const readable = typeof event.streamId === 'string' && typeof event.revision === 'number' && typeof event.prevHash === 'string';
        const recordHere = record && record.position === event.position ? record : null;
        if (recordHere) {
          if (recordHere.hash !== event.hash) {
            candidates.push({
              recordIndex: recordHere.leafIndex,
              failure: { kind: 'event_rewritten', message: `${label(readable ? event : recordHere)} has hash ${event.hash.slice(0, 16)}…; the checkpoint committed to ${recordHere.hash.slice(0, 16)}…: it was rewritten and its hash recomputed`, ...named(readable ? event : recordHere) },
            });
          }
          record = await pullRecord();
        } else if (record && readable) {
          candidates.push({ recordIndex: record.leafIndex, failure: { kind: 'event_inserted', message: `${label(event)} lies among checkpointed events but no checkpoint included it: it was inserted`, ...named(event) } });
        }
        tree.append(eventLeaf(/^[0-9a-f]{64}$/.test(event.hash) ? event.hash : '0'.repeat(64)));
        segment.push(event.hash);
        let recomputed = '';
        try {
          recomputed = recomputeHash(event);
        } catch {
          // unreadable bytes: reported below
        }
        if (!readable) {
          unreadableSeen = true;
          // The leaf record, where it covers this place, says what was there.
          fail({
            kind: 'content_unreadable',
            message: `the bytes at position ${event.position} are not a readable event${recordHere ? `; the checkpoint's leaf record has ${label(recordHere)} there` : ''}`,
            ...(recordHere ? named(recordHere) : { position: event.position }),
          });
          checkTargets();
          continue;
        }
        const where = named(event);
        if (recomputed !== event.hash) fail({ kind: 'content_altered', message: `${label(event)} does not match its hash: its content was altered`, ...where });
        const previous = streams.get(event.streamId);
        const expectedRevision = previous ? previous.revision + 1 : 0;
        if (event.revision !== expectedRevision) {
          fail({ kind: 'revision_gap', message: `stream ${event.streamId}: expected revision ${expectedRevision}, found ${event.revision} at position ${event.position}: an event is missing or out of order`, ...where });
        } else if (event.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
          fail({
            kind: 'chain_broken',
            message: `${label(event)} does not link to the event before it in its stream${previous ? ` (position ${previous.position}, whose hash verifies over its own bytes: that one was rewritten with its hash recomputed, or this link was)` : ''}`,
            ...where,
          });
        }
        streams.set(event.streamId, { revision: event.revision, hash: event.hash, position: event.position });
        heads.set(event.streamId, event.revision, event.hash);
        if (tree.size > (newest?.treeSize ?? 0)) uncheckpointedSince ??= event.metadata?.recordedAt ?? null;
        checkTargets();
      }
    }
  } catch (error) {
    // A log that cannot be read to its end is a finding, not a crash of the verifier.
    readToEnd = false;
    fail({ kind: 'unreadable', message: `the log could not be read after position ${lastPosition}: ${(error as Error).message}`, position: lastPosition + 1 });
  }
  if (readToEnd) {
    while (record) {
      candidates.push({ recordIndex: record.leafIndex, failure: { kind: 'event_deleted', message: `${label(record)} was under a checkpoint and is gone from the log`, ...named(record) } });
      record = await pullRecord();
    }
  }

  // --- Old seals past the walk.
  while (sealIndex < seals.length && seals[sealIndex].seal.upToPosition <= lastPosition) closeSeal();
  for (; readToEnd && sealIndex < seals.length; sealIndex++) {
    const { seal } = seals[sealIndex];
    fail({ kind: 'seal_beyond_log', message: `seal ${seal.sealNo} covers up to position ${seal.upToPosition}, the log ends at ${lastPosition}: the log was truncated`, sealNo: seal.sealNo });
  }

  // --- What the leaf record can name: only where it reproduces the signed roots.
  const confirmed = candidates.filter((c) => c.recordIndex < recordTrusted);
  confirmed.forEach((c) => fail(c.failure));
  if (recordBrokenAt) {
    fail({ kind: 'leaf_record_altered', message: `the leaf record beside the log was altered: ${recordBrokenAt.why}; events are named from it only up to size ${recordTrusted}`, treeSize: recordBrokenAt.size });
  }
  if (!recordBroken && newest && recordTree.size > newest.treeSize) {
    fail({ kind: 'checkpoint_missing', message: `the leaf record reaches ${recordTree.size} events, the newest checkpoint only ${newest.treeSize}: a newer checkpoint was removed`, treeSize: newest.treeSize, position: recordLastPosition });
  }

  // --- Roots that did not match, and checkpoints the log no longer reaches.
  // The last size at which the log matched, per source: once a witness disagrees, the store's own
  // checkpoints (maybe re-signed with a stolen key) cannot narrow down where.
  const lastGoodOf = { store: { size: 0, position: 0 }, witness: { size: 0, position: 0 } };
  for (const size of sizes) {
    const matched = rootMatches.get(size);
    for (const t of targets.get(size)!) {
      const who = t.source === 'witness' ? "the witness's " : '';
      const lastGood = lastGoodOf[t.source];
      const range = { fromPosition: lastGood.position + 1, toPosition: Math.max(lastGood.position + 1, t.checkpoint.lastPosition) };
      if (matched === undefined) {
        if (!readToEnd) continue;
        fail({
          kind: 'checkpoint_beyond_log',
          message: `${who}${describeCheckpoint(t.checkpoint)} covers ${size} events up to position ${t.checkpoint.lastPosition}; the log holds ${tree.size}: events were deleted or the log truncated`,
          treeSize: size,
          source: t.source,
          position: t.checkpoint.lastPosition,
          range,
        });
      } else if (!matched) {
        const explained = confirmed.some((c) => c.recordIndex < size && c.recordIndex >= lastGood.size);
        fail({
          kind: 'checkpoint_mismatch',
          message: `the log's Merkle root at size ${size} differs from ${who}${describeCheckpoint(t.checkpoint)}; ${explained ? 'the events named above account for it' : `the change lies within positions ${range.fromPosition}..${range.toPosition} (after the last matching checkpoint, of size ${lastGood.size})`}`,
          treeSize: size,
          source: t.source,
          position: range.toPosition,
          range,
        });
      }
    }
    if (matched) for (const t of targets.get(size)!) lastGoodOf[t.source] = { size, position: t.checkpoint.lastPosition };
  }

  // --- Positions the embedded store assigned but no longer holds, beyond what the leaf record names.
  const assigned = readToEnd ? await attempt('the positions the store assigned', () => source.assignedHead?.()) : null;
  const named_ = confirmed.length > 0;
  for (const g of gaps) {
    if (named_ && g.to <= recordLastPosition && !recordBroken) continue;
    fail({ kind: 'events_missing', message: `positions ${g.from}..${g.to} were assigned to events that are gone: ${g.to - g.from + 1} event(s) deleted`, position: g.from, range: { fromPosition: g.from, toPosition: g.to } });
  }
  if (assigned && assigned > lastPosition && !(named_ && assigned <= recordLastPosition)) {
    fail({ kind: 'events_missing', message: `positions ${lastPosition + 1}..${assigned} were assigned to events that are gone: the newest ${assigned - lastPosition} event(s) were deleted`, position: lastPosition + 1, range: { fromPosition: lastPosition + 1, toPosition: assigned } });
  }

  // --- The columns reads go by: every hash may verify while a read by stream or as of a moment is misled.
  for (const m of (await attempt("the store's read-by columns", () => source.indexes?.())) ?? []) {
    fail({
      kind: 'index_altered',
      message: `${m.type ?? 'the event'} ${m.streamId ?? '?'}@${m.revision ?? '?'} (position ${m.position}): the store's ${m.columns.join(', ')} column${m.columns.length > 1 ? 's' : ''} disagree${m.columns.length > 1 ? '' : 's'} with its hashed bytes: reads by stream or as of a moment would miss or misplace it`,
      position: m.position,
      ...(m.streamId !== undefined ? { streamId: m.streamId } : {}),
      ...(m.revision !== undefined ? { revision: m.revision } : {}),
      ...(m.eventId !== undefined ? { eventId: m.eventId } : {}),
      ...(m.type !== undefined ? { type: m.type } : {}),
    });
  }

  // --- The heads the store recorded beside the log, for what no checkpoint covers yet.
  // (After unreadable bytes the stream they belonged to is unknown; that finding stands on its own.)
  const recorded = readToEnd && !unreadableSeen ? await attempt("the store's recorded stream heads", () => source.recordedHeads?.()) : undefined;
  if (recorded) {
    const namedStreams = new Set(confirmed.map((c) => c.failure.streamId));
    for (const [streamId, head] of recorded) {
      const inLog = streams.get(streamId);
      if (namedStreams.has(streamId) || (inLog && inLog.revision === head.revision && inLog.hash === head.hash)) continue;
      fail({
        kind: 'stream_head_differs',
        message: inLog
          ? `stream ${streamId}: the store recorded its head at revision ${head.revision} (hash ${head.hash.slice(0, 16)}…), the log's last event is revision ${inLog.revision} (hash ${inLog.hash.slice(0, 16)}…): ${inLog.revision < head.revision ? `revisions ${inLog.revision + 1}..${head.revision} were deleted` : 'its last event was rewritten or added outside the store'}`
          : `stream ${streamId}: the store recorded its head at revision ${head.revision}; the log holds none of its events: the stream was deleted`,
        streamId,
        revision: inLog && inLog.revision !== head.revision ? Math.min(inLog.revision, head.revision) + 1 : head.revision,
        ...(inLog ? { position: inLog.position } : {}),
      });
    }
    for (const [streamId, inLog] of streams) {
      if (!recorded.has(streamId) && !namedStreams.has(streamId)) {
        fail({ kind: 'stream_head_differs', message: `stream ${streamId} is in the log but the store has no record of it: its events were inserted outside the store`, streamId, position: inLog.position });
      }
    }
  }

  failures.sort(byPlace);
  return {
    ok: failures.length === 0,
    checkedEvents: tree.size,
    checkedStreams: streams.size,
    checkedSeals: seals.length,
    checkedCheckpoints: stored.length,
    witnessedCheckpoints: witnessed.length,
    newestCheckpoint: newest && { treeSize: newest.treeSize, rootHash: newest.rootHash, issuedAt: newest.issuedAt, lastPosition: newest.lastPosition, keyId: newest.keyId },
    uncheckpointedEvents: Math.max(0, tree.size - (newest?.treeSize ?? 0)),
    uncheckpointedSince,
    lastPosition,
    firstFailure: failures[0] ?? null,
    failures,
  };
};

import type { StoredEvent } from '../event-envelope';
import { GENESIS_HASH, recomputeHash } from '../hashing';
import { merkleRoot } from './merkle';
import type { LogSealed } from './seal';

export type VerifyFailureKind =
  | 'content_altered'
  | 'revision_gap'
  | 'chain_broken'
  | 'seal_mismatch'
  | 'seal_chain_broken'
  | 'seal_beyond_log'
  | 'storage_damaged'
  | 'unreadable';

export type VerifyFailure = Readonly<{
  kind: VerifyFailureKind;
  message: string;
  position?: number;
  streamId?: string;
  revision?: number;
  eventId?: string;
  sealNo?: number;
}>;

export type VerifyReport = Readonly<{
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  checkedSeals: number;
  /** Events after the newest seal: chained per stream, not yet committed to by a seal. */
  unsealedEvents: number;
  lastPosition: number;
  firstFailure: VerifyFailure | null;
  failures: VerifyFailure[];
}>;

export type VerifySource = Readonly<{
  /** The seal events, in order (read first: a seal stands after the segment it covers). */
  seals: () => Promise<StoredEvent[]>;
  /** The global log, in position order. */
  batches: () => AsyncIterable<StoredEvent[]>;
  /** The storage engine's own check of its file, where it has one; null when sound. */
  storage?: () => Promise<string | null>;
}>;

const MAX_FAILURES = 100;

/**
 * Walks the global log once: re-hashes every event over its stored bytes, checks each stream's
 * revisions and hash links, and recomputes every seal's Merkle root over its segment. The first
 * failure names the event (or seal) where content or order stopped matching.
 */
export const verifyLog = async (source: VerifySource): Promise<VerifyReport> => {
  const failures: VerifyFailure[] = [];
  const fail = (f: VerifyFailure) => {
    if (failures.length < MAX_FAILURES) failures.push(f);
  };
  const damage = await source.storage?.();
  if (damage) fail({ kind: 'storage_damaged', message: `the storage engine reports damage to the stored file: ${damage}` });
  const sealEvents = await source.seals();
  const seals = sealEvents.map((e) => ({ event: e, seal: e.data as LogSealed }));
  let sealIndex = 0;
  let segment: string[] = [];
  let segmentStart = 0;
  const streams = new Map<string, { revision: number; hash: string }>();
  let checkedEvents = 0;
  let lastPosition = 0;
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
      });
    }
    previousSealHash = event.hash;
    segmentStart = seal.upToPosition;
    segment = [];
    sealIndex++;
  };

  let readToEnd = true;
  try {
    for await (const batch of source.batches()) {
      for (const event of batch) {
        while (sealIndex < seals.length && seals[sealIndex].seal.upToPosition < event.position) closeSeal();
        checkedEvents++;
        lastPosition = event.position;
        const where = { position: event.position, streamId: event.streamId, revision: event.revision, eventId: event.id };
        let recomputed: string;
        try {
          recomputed = recomputeHash(event);
        } catch {
          recomputed = '';
        }
        if (recomputed !== event.hash) {
          fail({ kind: 'content_altered', message: `event ${event.streamId}@${event.revision} (position ${event.position}) does not match its hash: its content was altered`, ...where });
        }
        const previous = streams.get(event.streamId);
        const expectedRevision = previous ? previous.revision + 1 : 0;
        if (event.revision !== expectedRevision) {
          fail({ kind: 'revision_gap', message: `stream ${event.streamId}: expected revision ${expectedRevision}, found ${event.revision} at position ${event.position}: an event is missing or out of order`, ...where });
        } else if (event.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
          fail({ kind: 'chain_broken', message: `event ${event.streamId}@${event.revision} (position ${event.position}) does not link to the event before it in its stream`, ...where });
        }
        streams.set(event.streamId, { revision: event.revision, hash: event.hash });
        segment.push(event.hash);
      }
    }
  } catch (error) {
    // A log that cannot be read to its end is a finding, not a crash of the verifier.
    readToEnd = false;
    fail({ kind: 'unreadable', message: `the log could not be read after position ${lastPosition}: ${(error as Error).message}`, position: lastPosition + 1 });
  }
  while (sealIndex < seals.length && seals[sealIndex].seal.upToPosition <= lastPosition) closeSeal();
  for (; readToEnd && sealIndex < seals.length; sealIndex++) {
    const { seal } = seals[sealIndex];
    fail({ kind: 'seal_beyond_log', message: `seal ${seal.sealNo} covers up to position ${seal.upToPosition}, the log ends at ${lastPosition}: the log was truncated`, sealNo: seal.sealNo });
  }
  const unsealedEvents = segment.length;
  failures.sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  return {
    ok: failures.length === 0,
    checkedEvents,
    checkedStreams: streams.size,
    checkedSeals: seals.length,
    unsealedEvents,
    lastPosition,
    firstFailure: failures[0] ?? null,
    failures,
  };
};


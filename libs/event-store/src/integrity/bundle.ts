import type { StoredEvent } from '../event-envelope';
import { readAllInBatches, type EventStore } from '../event-store.port';
import { GENESIS_HASH, recomputeHash } from '../hashing';
import { inclusionProof, rootFromInclusionProof } from './merkle';
import { SEAL_STREAM, type LogSealed } from './seal';
import { verifyLog, type VerifyFailure, type VerifyReport } from './verifier';

export const BUNDLE_FORMAT = 'asb-audit-bundle/1';

export type InclusionProof = Readonly<{ sealNo: number; index: number; size: number; path: readonly string[] }>;

/**
 * An audit bundle: events exactly as stored (with their hash links), the seals, and for a partial
 * bundle the Merkle proofs that put each event inside a sealed segment. Checkable offline.
 */
export type AuditBundle = Readonly<{
  format: typeof BUNDLE_FORMAT;
  scope: Readonly<{ kind: 'log' } | { kind: 'streams'; label: string; streams: readonly string[] }>;
  events: readonly StoredEvent[];
  seals: readonly StoredEvent[];
  proofs: Readonly<Record<string, InclusionProof>>;
}>;

export const exportLogBundle = async (store: EventStore): Promise<AuditBundle> => {
  const events: StoredEvent[] = [];
  for await (const batch of readAllInBatches(store)) events.push(...batch);
  return { format: BUNDLE_FORMAT, scope: { kind: 'log' }, events, seals: events.filter((e) => e.streamId === SEAL_STREAM), proofs: {} };
};

export const exportStreamsBundle = async (store: EventStore, label: string, streams: readonly string[]): Promise<AuditBundle> => {
  const events = (await Promise.all(streams.map((s) => store.readStream(s)))).flat().sort((a, b) => a.position - b.position);
  const seals = await store.readStream(SEAL_STREAM);
  const proofs: Record<string, InclusionProof> = {};
  const wanted = new Map(events.map((e) => [e.position, e.id]));
  for (const seal of seals) {
    const s = seal.data as LogSealed;
    if (![...wanted.keys()].some((p) => p > s.afterPosition && p <= s.upToPosition)) continue;
    const segment = (await store.readAll({ after: s.afterPosition, limit: s.eventCount })).filter((e) => e.position <= s.upToPosition);
    const hashes = segment.map((e) => e.hash);
    segment.forEach((e, index) => {
      const id = wanted.get(e.position);
      if (id) proofs[id] = { sealNo: s.sealNo, index, size: hashes.length, path: inclusionProof(hashes, index) };
    });
  }
  return { format: BUNDLE_FORMAT, scope: { kind: 'streams', label, streams: [...streams] }, events, seals, proofs };
};

/** Checks a bundle without the database: hashes, stream links, seal chain, and inclusion in seals. */
export const verifyBundle = async (bundle: AuditBundle): Promise<VerifyReport> => {
  if (bundle.format !== BUNDLE_FORMAT) throw new Error(`not an audit bundle (${String(bundle.format)})`);
  if (bundle.scope.kind === 'log') {
    return verifyLog({ seals: async () => [...bundle.seals], batches: async function* () { yield [...bundle.events]; } });
  }
  const failures: VerifyFailure[] = [];
  const fail = (f: VerifyFailure) => failures.length < 100 && failures.push(f);
  const streams = new Map<string, { revision: number; hash: string }>();
  // The seal chain itself: complete from revision 0, each seal linked to the one before.
  let previousSealHash: string | null = null;
  const roots = new Map<number, LogSealed>();
  for (const [i, seal] of bundle.seals.entries()) {
    const s = seal.data as LogSealed;
    if (recomputeHash(seal) !== seal.hash || seal.revision !== i || s.previousSealHash !== previousSealHash) {
      fail({ kind: 'seal_chain_broken', message: `seal ${s.sealNo} does not verify or does not link to the seal before it`, sealNo: s.sealNo, position: seal.position });
    }
    previousSealHash = seal.hash;
    roots.set(s.sealNo, s);
  }
  let unsealed = 0;
  for (const event of bundle.events) {
    const where = { position: event.position, streamId: event.streamId, revision: event.revision, eventId: event.id };
    if (recomputeHash(event) !== event.hash) fail({ kind: 'content_altered', message: `event ${event.streamId}@${event.revision} does not match its hash: its content was altered`, ...where });
    const previous = streams.get(event.streamId);
    const expected = previous ? previous.revision + 1 : 0;
    if (event.revision !== expected) fail({ kind: 'revision_gap', message: `stream ${event.streamId}: expected revision ${expected}, found ${event.revision}`, ...where });
    else if (event.prevHash !== (previous?.hash ?? GENESIS_HASH)) fail({ kind: 'chain_broken', message: `event ${event.streamId}@${event.revision} does not link to the event before it`, ...where });
    streams.set(event.streamId, { revision: event.revision, hash: event.hash });
    const proof = bundle.proofs[event.id];
    if (!proof) {
      unsealed++;
      continue;
    }
    const seal = roots.get(proof.sealNo);
    if (!seal || rootFromInclusionProof(event.hash, proof.index, proof.size, proof.path) !== seal.merkleRoot || proof.size !== seal.eventCount) {
      fail({ kind: 'seal_mismatch', message: `event ${event.streamId}@${event.revision} is not in seal ${proof.sealNo} as claimed`, ...where, sealNo: proof.sealNo });
    }
  }
  // A proof for a position the newest seal covers must exist: an event that should be sealed but has no proof was slipped in.
  const lastSealed = bundle.seals.length ? (bundle.seals.at(-1)!.data as LogSealed).upToPosition : 0;
  for (const event of bundle.events) {
    if (!bundle.proofs[event.id] && event.position <= lastSealed) fail({ kind: 'seal_mismatch', message: `event ${event.streamId}@${event.revision} lies in a sealed segment but has no inclusion proof`, position: event.position, streamId: event.streamId, eventId: event.id });
  }
  failures.sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  return {
    ok: failures.length === 0,
    checkedEvents: bundle.events.length,
    checkedStreams: streams.size,
    checkedSeals: bundle.seals.length,
    unsealedEvents: unsealed,
    lastPosition: bundle.events.at(-1)?.position ?? 0,
    firstFailure: failures[0] ?? null,
    failures,
  };
};

import type { StoredEvent } from '../event-envelope';
import { canonicalBody, GENESIS_HASH, recomputeHash } from '../hashing';
import { rootFromInclusionProof } from './merkle';
import type { LogSealed } from './seal';
import { verifyLog, type VerifyFailure, type VerifyReport } from './verifier';

export const LEGACY_BUNDLE_FORMAT = 'asb-audit-bundle/1';

type SealInclusionProof = Readonly<{ sealNo: number; index: number; size: number; path: readonly string[] }>;

/** The bundle format written before checkpoints: parsed events beside their bytes, seals, seal proofs. */
export type LegacyAuditBundle = Readonly<{
  format: typeof LEGACY_BUNDLE_FORMAT;
  scope: Readonly<{ kind: 'log' } | { kind: 'streams'; label: string; streams: readonly string[] }>;
  events: readonly StoredEvent[];
  seals: readonly StoredEvent[];
  proofs: Readonly<Record<string, SealInclusionProof>>;
}>;

/** The parsed fields a format-1 bundle shows must be byte for byte what its stored bytes hold. */
const shownDiffersFromStored = (event: StoredEvent): boolean => {
  if (event.raw === undefined) return false;
  try {
    return canonicalBody(event) !== event.raw;
  } catch {
    return true;
  }
};

const shownFailure = (event: StoredEvent): VerifyFailure => ({
  kind: 'content_altered',
  message: `event ${event.streamId}@${event.revision} (position ${event.position}) shows fields that differ from its stored bytes: the parsed copy was edited`,
  position: event.position,
  streamId: event.streamId,
  revision: event.revision,
  eventId: event.id,
  type: event.type,
});

const withFailures = (report: VerifyReport, more: VerifyFailure[]): VerifyReport => {
  const failures = [...report.failures, ...more].sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  return { ...report, ok: failures.length === 0, failures, firstFailure: failures[0] ?? null };
};

/**
 * Checks a format-1 bundle (seals, before checkpoints): hashes, stream links, seal chain, inclusion
 * in seals — and now that every parsed field is exactly what the stored bytes say, so a reader is
 * never shown figures that were not recorded. What format 1 cannot show (a dropped unsealed tail,
 * a stream's dropped last event) is why format 2 exists.
 */
export const verifyLegacyBundle = async (bundle: LegacyAuditBundle): Promise<VerifyReport> => {
  if (bundle.scope.kind === 'log') {
    const report = await verifyLog({ seals: async () => [...bundle.seals], batches: async function* () { yield [...bundle.events]; } });
    const shown = bundle.events.filter(shownDiffersFromStored).map(shownFailure);
    return withFailures(report, shown);
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
    if (shownDiffersFromStored(event)) fail(shownFailure(event));
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
    checkedCheckpoints: 0,
    witnessedCheckpoints: 0,
    newestCheckpoint: null,
    uncheckpointedEvents: unsealed,
    uncheckpointedSince: null,
    lastPosition: bundle.events.at(-1)?.position ?? 0,
    firstFailure: failures[0] ?? null,
    failures,
  };
};

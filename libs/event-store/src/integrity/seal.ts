import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTORS, type Actor, type StoredEvent } from '../event-envelope';
import { readAllInBatches, type EventStore } from '../event-store.port';
import { merkleRoot } from './merkle';

export const SEAL_STREAM = 'asb-seals';
export const SEAL_EVENT_TYPE = 'LogSealed';

/**
 * A seal commits to one segment of the global log: (afterPosition, upToPosition]. Historical since
 * signed checkpoints replaced seals (decision D44): nothing in the ledger writes seals any more, the
 * verifier still checks every seal a log holds, and `sealLog` stays to make such logs in tests.
 */
export type LogSealed = Readonly<{
  sealNo: number;
  afterPosition: number;
  upToPosition: number;
  eventCount: number;
  merkleRoot: string;
  /** Hash of the previous seal event: seals form their own chain. */
  previousSealHash: string | null;
}>;

export type SealResult = { sealed: LogSealed[]; unsealedBefore: number };

/**
 * Writes seals over everything appended since the last seal, at most `maxSegment` events each.
 * Appends to the seal stream with the exact expected revision, so two sealers cannot both win.
 */
export const sealLog = async (
  store: EventStore,
  options: { now: string; actor?: Actor; maxSegment?: number; idFactory?: () => string } = { now: new Date().toISOString() },
): Promise<SealResult> => {
  const seals = await store.readStream(SEAL_STREAM);
  const last = seals.length ? seals[seals.length - 1] : null;
  let lastData = last ? (last.data as LogSealed) : null;
  let lastHash = last ? last.hash : null;
  let revision: number | 'no_stream' = last ? last.revision : 'no_stream';
  const maxSegment = options.maxSegment ?? 10_000;
  const sealed: LogSealed[] = [];
  let pending: StoredEvent[] = [];
  let unsealedBefore = 0;

  const flush = async () => {
    // A segment holding only earlier seals needs no seal of its own: an idle log stays idle.
    if (!pending.some((e) => e.streamId !== SEAL_STREAM)) return;
    const seal: LogSealed = {
      sealNo: (lastData?.sealNo ?? 0) + 1,
      afterPosition: lastData?.upToPosition ?? 0,
      upToPosition: pending[pending.length - 1].position,
      eventCount: pending.length,
      merkleRoot: merkleRoot(pending.map((e) => e.hash)),
      previousSealHash: lastHash,
    };
    const id = options.idFactory?.() ?? randomUUID();
    const result = await store.append(
      SEAL_STREAM,
      [
        {
          id,
          type: SEAL_EVENT_TYPE,
          schemaVersion: 1,
          data: seal,
          metadata: {
            actor: options.actor ?? SYSTEM_ACTORS.sealer,
            recordedAt: options.now,
            correlationId: id,
            causationId: id,
          },
        },
      ],
      revision,
    );
    revision = result.nextRevision;
    const written = await store.readStream(SEAL_STREAM, { fromRevision: result.nextRevision });
    lastHash = written[0].hash;
    lastData = seal;
    sealed.push(seal);
    pending = [];
  };

  for await (const batch of readAllInBatches(store, { after: lastData?.upToPosition ?? 0 })) {
    for (const event of batch) {
      unsealedBefore++;
      pending.push(event);
      if (pending.length >= maxSegment) await flush();
    }
  }
  await flush();
  return { sealed, unsealedBefore };
};

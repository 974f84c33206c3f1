/**
 * The envelope every stored event carries. Everything in `EventBody` is hashed; the hash links
 * each event to the previous one in its stream (see integrity/).
 */
export type ActorRole =
  | 'farmer'
  | 'calculator'
  | 'data_source'
  | 'payer'
  | 'norm_authority'
  | 'regulator'
  | 'policy_analyst'
  | 'system';

export type Actor = Readonly<{ id: string; role: ActorRole }>;

/**
 * The ledger's own actors: what it records by itself (shipped norm sets, releases, expiries, what-if
 * results, amendments' consequences), the checks reactor's findings, the checkpoint signer's seals. No
 * person's token may carry one of these ids, so the log never shows a person under the ledger's name.
 */
export const SYSTEM_ACTORS = {
  ledger: { id: 'asb-ledger', role: 'system' },
  checks: { id: 'checks', role: 'system' },
  sealer: { id: 'sealer', role: 'system' },
} as const satisfies Record<string, Actor>;

export const isSystemActorId = (id: string): boolean => Object.values(SYSTEM_ACTORS).some((a) => a.id === id);

export type EventMetadata = Readonly<{
  actor: Actor;
  /** ISO-8601 UTC; the moment the system recorded the fact (as-of reads filter on it). */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  /** The authorisation (machtiging) a third party relied on, when it acted for a farm. */
  authorisationId?: string;
  /** The norm set version a computed result used. */
  normSet?: Readonly<{ id: string; version: number }>;
  /** The version of the calculation rules (code) that produced a computed result. */
  ruleVersion?: string;
  /** A digest of the request (method, path, body) that carried the command: idempotency keys compare it. */
  requestFingerprint?: string;
}>;

/** Personal data sits encrypted beside `data`; destroying its key erases it, the hash stays valid. */
export type SealedPersonalData = Readonly<{
  alg: 'aes-256-gcm';
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}>;

export type NewEvent = Readonly<{
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  personal?: SealedPersonalData;
  metadata: EventMetadata;
}>;

/** The canonical, hashed part of a stored event. */
export type EventBody = Readonly<{
  id: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  personal?: SealedPersonalData;
  metadata: EventMetadata;
  prevHash: string;
}>;

export type StoredEvent = EventBody &
  Readonly<{
    /** Position in the global log; strictly increasing, never reused. */
    position: number;
    hash: string;
    /** The exact stored bytes, where the engine keeps them (embedded store). */
    raw?: string;
  }>;

/** Expected revision: `no_stream`, `any`, or the exact revision of the stream's last event. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

export type AppendResult = Readonly<{
  /** Revision of the last event in the stream after the append. */
  nextRevision: number;
  positions: number[];
  /** True when every event id was already stored: a retry that wrote nothing. */
  idempotentReplay: boolean;
  /**
   * The events as stored, in order — position, revision, prevHash, hash and the normalised
   * recordedAt, exactly as a read of the stream would return them (a retry: the events stored the
   * first time). Writers answer from this instead of reading the stream back.
   */
  events: StoredEvent[];
}>;

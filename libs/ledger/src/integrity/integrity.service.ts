import {
  CheckpointConflictError,
  Checkpointer,
  exportLogBundle,
  exportStreamsBundle,
  loadSigningKey,
  storeVerifySource,
  verifyLog,
  type AuditBundle,
  type CheckpointResult,
  type CheckpointStore,
  type ConsistencyProof,
  type EventStore,
  type InclusionProof,
  type PublishedKey,
  type SignedCheckpoint,
  type SigningKey,
  type StreamHeadProof,
  type VerifyOptions,
  type VerifyReport,
} from '@asb/event-store';
import type { Clock } from '../clock/clock';

/** `keyDir`: where signing-key.pem is (CHECKPOINT_DIR, default DATA_DIR). */
export type IntegrityConfig = Readonly<{ keyDir: string; signingKeyPem?: string; logName: string; streamHeadsInPlace?: boolean; checkpointTurns?: boolean }>;

/**
 * Checkpoints, proofs, bundles and verification of the live log, shared by the API, the worker and
 * the CLI. The signing key is loaded when first needed; only signing creates it.
 */
export class IntegrityService {
  readonly checkpointer: Checkpointer;
  private key: SigningKey | null | undefined;

  constructor(
    private readonly log: EventStore,
    readonly checkpoints: CheckpointStore,
    clock: Clock,
    private readonly config: IntegrityConfig,
  ) {
    this.checkpointer = new Checkpointer(log, checkpoints, {
      logName: config.logName,
      key: () => this.signingKey(true),
      now: () => clock.now(),
      streamHeadsInPlace: config.streamHeadsInPlace,
      turns: config.checkpointTurns,
    });
  }

  private signingKey(create: boolean): SigningKey | null {
    if (this.key === undefined || (this.key === null && create)) {
      const key = loadSigningKey({ dir: this.config.keyDir, pem: this.config.signingKeyPem, create });
      if (key || create) this.key = key;
      return key;
    }
    return this.key;
  }

  /** The operator's public key, as published at /audit/public-key; null before the first checkpoint. */
  publicKey(): PublishedKey | null {
    return this.signingKey(false)?.published ?? null;
  }

  /** The log's name: the origin line of its checkpoints (fixed by the first) and the name of its signed-note key. */
  async logName(): Promise<string> {
    return (await this.latest())?.log ?? this.config.logName;
  }

  /** Checks the whole log against its checkpoints (and a witness's), trusting the operator's key unless told otherwise. */
  verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    const own = this.publicKey();
    const trustedKeys = options.trustedKeys ?? (own ? [own] : []);
    return verifyLog(storeVerifySource(this.log, this.checkpoints), { ...options, trustedKeys });
  }

  /**
   * A checkpoint over the log as it is now. When another signer extended the record meanwhile (another
   * process, or the API's subscriber thread, D66), the second try starts from its checkpoint.
   */
  async checkpoint(): Promise<CheckpointResult> {
    try {
      return await this.checkpointer.checkpoint();
    } catch (error) {
      if (!(error instanceof CheckpointConflictError)) throw error;
      return this.checkpointer.checkpoint();
    }
  }

  latest(): Promise<SignedCheckpoint | null> {
    return this.checkpointer.latest();
  }

  at(treeSize: number): Promise<SignedCheckpoint | null> {
    return this.checkpointer.at(treeSize);
  }

  inclusion(position: number, treeSize?: number): Promise<InclusionProof | null> {
    return this.checkpointer.inclusion(position, treeSize);
  }

  consistency(first: number, second: number): Promise<ConsistencyProof | null> {
    return this.checkpointer.consistency(first, second);
  }

  streamHead(streamId: string, treeSize?: number): Promise<StreamHeadProof | null> {
    return this.checkpointer.streamHead(streamId, treeSize);
  }

  /** A checkpoint over the log as it is now; when another signer signed meanwhile, one extending its. */
  private async current(): Promise<SignedCheckpoint> {
    return (await this.checkpoint()).checkpoint;
  }

  /** A bundle of the whole log up to a checkpoint written now. */
  async exportLog(): Promise<AuditBundle> {
    const checkpoint = await this.current();
    return exportLogBundle(this.log, checkpoint, this.publicKey()!);
  }

  /** A bundle of whole streams (a farm's), each proven complete up to a checkpoint written now. */
  async exportStreams(label: string, streamIds: readonly string[]): Promise<AuditBundle> {
    const checkpoint = await this.current();
    return exportStreamsBundle(this.log, this.checkpointer, checkpoint, this.publicKey()!, label, streamIds);
  }
}

import { sealLog, storeVerifySource, verifyLog, type EventStore, type SealResult, type VerifyReport } from '@asb/event-store';
import type { Clock } from '../clock/clock';

/** Sealing and verification of the live log, shared by the API, the worker and the CLI. */
export class IntegrityService {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  verify(): Promise<VerifyReport> {
    return verifyLog(storeVerifySource(this.store));
  }

  seal(maxSegment?: number): Promise<SealResult> {
    return sealLog(this.store, { now: this.clock.now(), maxSegment });
  }
}
